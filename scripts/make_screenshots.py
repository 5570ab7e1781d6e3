"""Make the pictures in ``docs/_static/``: report screenshots (headless chromium) and figures.

Run from the repository root after the analyses change::

    python scripts/make_screenshots.py

Needs Debian's ``chromium`` and ``chromium-driver``, selenium, matplotlib and Pillow.
"""

from __future__ import annotations

import base64
import io
import shutil
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from PIL import Image

import sociale_kaart as sk

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "docs" / "_static"
WIDTH = 1200
MAX_BYTES = 300_000


def _save(image: Image.Image, name: str) -> None:
    """Save as a palette PNG, shrinking until it is under 300 KB."""
    out = STATIC / name
    width = image.width
    while True:
        small = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
        small.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(
            out, optimize=True
        )
        if out.stat().st_size < MAX_BYTES or width < 500:
            break
        width = int(width * 0.85)
    print(f"{out.relative_to(ROOT)}: {out.stat().st_size // 1000} KB, {small.size}")


def _page_png(path: Path) -> tuple[Image.Image, dict[str, int]]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="sk-shot-")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={WIDTH},1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(path.resolve().as_uri())
        time.sleep(3)
        tops = driver.execute_script(
            "var out = {}; document.querySelectorAll('h2[id]').forEach(function (h) {"
            " out[h.id] = Math.round(h.getBoundingClientRect().top + window.scrollY); });"
            "out.end = document.documentElement.scrollHeight; return out;"
        )
        shot = driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": WIDTH, "height": tops["end"], "scale": 1},
            },
        )
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return Image.open(io.BytesIO(base64.b64decode(shot["data"]))), tops


def main() -> None:
    STATIC.mkdir(parents=True, exist_ok=True)
    G = sk.load_sample()
    with tempfile.TemporaryDirectory() as tmp:
        page = sk.report(G, Path(tmp) / "rivierwijk-wijkanalyse.html", language="nl")
        image, tops = _page_png(page)
    _save(image.crop((0, 0, WIDTH, tops["map"] - 20)), "report-nl-summary.png")
    _save(image.crop((0, tops["map"] - 20, WIDTH, tops["figures"] - 20)), "report-nl-map.png")
    _save(image.crop((0, tops["quality"] - 20, WIDTH, tops["end"])), "report-nl-quality.png")

    ax = sk.plot_map(G, layout="neighbourhood", language="nl", seed=0)
    ax.figure.savefig(buf := io.BytesIO(), format="png", dpi=90, bbox_inches="tight")
    plt.close("all")
    _save(Image.open(buf), "plot-map.png")
    ax = sk.plot_ego(G, "r_henk", radius=1, language="nl")
    ax.figure.savefig(buf := io.BytesIO(), format="png", dpi=90, bbox_inches="tight")
    plt.close("all")
    _save(Image.open(buf), "plot-ego.png")


if __name__ == "__main__":
    main()
