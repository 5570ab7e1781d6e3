"""Write a social map as Dutch Excel saves it (issue 11), for the tests.

Dutch Excel's "CSV (puntkomma gescheiden)" is Windows-1252 with ``;`` between
cells and CRLF line ends; it writes dates day first (``1-3-2024``), decimals
with a comma (``2,50``), and teams name the columns in Dutch. A workbook saved
from a template keeps the empty default sheet ``Blad1``. Run as a script to
write the fixture into a folder and look at it::

    python tests/io/dutch_excel.py /tmp/kaart    # writes /tmp/kaart/ and /tmp/kaart.xlsx
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

#: The tables, with Dutch headers, as a team keeps them.
TABLES: dict[str, list[list[str]]] = {
    "residents": [
        ["id", "naam", "buurt", "geboortejaar", "talen", "vragen", "verhuisd_in"],
        [
            "r_zoe",
            "Zoë de Vries",
            "Havenkwartier",
            "1987",
            "nl|pt",
            "taal:2|eenzaamheid",
            "1-3-2024",
        ],
        ["r_huseyin", "Hüseyin Çelik", "Molenbuurt", "1958", "tr|nl", "schuldhulp:1", "15-11-2023"],
    ],
    "organisations": [
        ["id", "naam", "buurt"],
        ["o_wijkcentrum", "Wijkcentrum De Brug", "Molenbuurt"],
    ],
    "initiatives": [
        [
            "id",
            "naam",
            "themas",
            "niveau",
            "buurt",
            "kosten_eur",
            "geopend",
            "omschrijving",
            "organisatie",
        ],
        [
            "i_budgetcafe",
            "Budgetcafé",
            "financien",
            "informal",
            "Molenbuurt",
            "2,50",
            "01-02-2020",
            "Koffie en hulp bij rekeningen, € 2,50 per keer",
            "o_wijkcentrum",
        ],
        [
            "i_naaiclub",
            "Naaiclub Crème",
            "sociaal_netwerk|dagbesteding",
            "informal",
            "Havenkwartier",
            "0",
            "7-9-2019",
            "Samen naaien op dinsdag",
            "o_wijkcentrum",
        ],
    ],
    "professionals": [
        ["id", "naam", "functie", "organisatie", "begonnen"],
        ["p_ines", "Inês Gonçalves", "social_worker", "o_wijkcentrum", "03-01-2022"],
    ],
    "relations": [
        ["bron", "doel", "relatie", "vertrouwen", "sinds"],
        ["r_zoe", "i_naaiclub", "participates", "", "12-5-2024"],
        ["p_ines", "r_huseyin", "supports", "3,5", "1-2-2024"],
        ["p_ines", "i_budgetcafe", "knows_of", "", ""],
    ],
}

#: What the map must hold after reading the fixture: (node, attribute) -> value.
EXPECTED: dict[tuple[str, str], object] = {
    ("r_zoe", "name"): "Zoë de Vries",
    ("r_zoe", "neighbourhood"): "Havenkwartier",
    ("r_zoe", "birth_year"): 1987,
    ("r_zoe", "languages"): ["nl", "pt"],
    ("r_zoe", "needs"): {"language": 2, "loneliness": None},
    ("r_zoe", "moved_in"): dt.date(2024, 3, 1),
    ("r_huseyin", "name"): "Hüseyin Çelik",
    ("r_huseyin", "needs"): {"finances": 1},
    ("r_huseyin", "moved_in"): dt.date(2023, 11, 15),
    ("i_budgetcafe", "name"): "Budgetcafé",
    ("i_budgetcafe", "themes"): ["finances"],
    ("i_budgetcafe", "cost_eur"): 2.5,
    ("i_budgetcafe", "opened"): dt.date(2020, 2, 1),
    ("i_budgetcafe", "description"): "Koffie en hulp bij rekeningen, € 2,50 per keer",
    ("i_naaiclub", "name"): "Naaiclub Crème",
    ("i_naaiclub", "themes"): ["social_network", "time_use"],
    ("i_naaiclub", "opened"): dt.date(2019, 9, 7),
    ("p_ines", "name"): "Inês Gonçalves",
    ("p_ines", "started"): dt.date(2022, 1, 3),
}


def write_csv_folder(folder: Path) -> Path:
    """Write the tables as Dutch Excel's ``;`` CSV files (Windows-1252, CRLF)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in TABLES.items():
        text = "".join(";".join(row) + "\r\n" for row in rows)
        (folder / f"{name}.csv").write_bytes(text.encode("cp1252"))
    return folder


def write_workbook(path: Path) -> Path:
    """Write the tables as a workbook with the empty default sheet ``Blad1`` first.

    Dates are real date cells here, as Excel stores them, except the
    relations' ``sinds``, kept as day-first text as a pasted column would be.
    """
    from openpyxl import Workbook

    book = Workbook()
    assert book.active is not None
    book.active.title = "Blad1"
    for name, rows in TABLES.items():
        sheet = book.create_sheet(name)
        header = rows[0]
        sheet.append(header)
        for row in rows[1:]:
            cells: list[object] = []
            for column, value in zip(header, row, strict=True):
                if column in {"verhuisd_in", "geopend", "begonnen"} and value:
                    day, month, year = (int(part) for part in value.split("-"))
                    cells.append(dt.datetime(year, month, day))
                elif column in {"talen", "vragen", "themas"}:
                    cells.append(value.replace("|", ";"))  # a workbook's lists use ';'
                elif column in {"geboortejaar"}:
                    cells.append(int(value))
                elif column in {"kosten_eur", "vertrouwen"} and value:
                    cells.append(float(value.replace(",", ".")))
                else:
                    cells.append(value or None)
            sheet.append(cells)
    book.save(path)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "dutch-excel-fixture")
    write_csv_folder(target)
    book = write_workbook(target.with_name(target.name + ".xlsx"))
    print(f"wrote {target} and {book}")
