#!/usr/bin/env python3
# bench-import.py
#
# Copyright 2026 The Rapport developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Import of a 1,000,000-row CSV of people with duplicate checking, against
# the sqlite3 shell's ".import" of the same file into a plain table (the
# floor), measured in the same run.
#
#   build-aux/bench-import.py DATABASE BUILDDIR [--rows N] [--keep DIR]
#
# The CSV is deterministic: Rapport's own export columns, ~5 % of the rows
# copies of people already in DATABASE (same email, or same phone, or the
# same name at the same organization), the rest new people at a few thousand
# organizations.  rapport-cli imports it into a copy of DATABASE, which is
# left untouched.  Prints one JSON line:
#   {"metric": "import_1m_csv_s", "value": .., "unit": "s", "floor": .., "ratio": ..}

import argparse
import csv
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

GIVEN = ["James", "Mary", "Wei", "Fang", "Ana", "Luca", "Amara", "Kenji", "Olga", "Rahul",
         "Sofia", "Noah", "Chloé", "Mateo", "Aisha", "Jonas", "伟", "芳", "静", "磊"]
FAMILY = ["Smith", "García", "Müller", "Rossi", "Okafor", "Tanaka", "Ivanova", "Patel",
          "Kim", "Dubois", "Nowak", "Silva", "张", "王", "李", "刘"]
CITIES = [("Berlin", "DE"), ("Austin", "US"), ("Lyon", "FR"), ("Shanghai", "CN"),
          ("Osaka", "JP"), ("Leeds", "GB"), ("Porto", "PT"), ("Toronto", "CA")]
AREAS = [212, 305, 312, 415, 512, 617, 702, 713, 818, 917]
HEADER = ["Given Name", "Family Name", "Display Name", "Organization", "Job Title",
          "Department", "Email", "Phone", "Street", "City", "Region", "Postal Code",
          "Country", "Birth Date", "Gender", "Language", "Website", "Notes", "Tags"]


def existing_people(db_path, limit):
    """People of the database with their primary organization, for duplicates."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = con.execute(
        "SELECT p.given_name, p.family_name, p.display_name, p.email, p.phone, p.city, "
        "p.country, coalesce(o.name, '') FROM person p "
        "LEFT JOIN affiliation a ON a.person_id = p.id AND a.deleted = 0 "
        "LEFT JOIN organization o ON o.id = a.organization_id "
        "WHERE p.deleted = 0 GROUP BY p.id ORDER BY p.id LIMIT ?", (limit,)).fetchall()
    con.close()
    return rows


def generate(path, n_rows, db_path):
    rng = random.Random(20261123)
    n_dupes = n_rows // 20
    people = existing_people(db_path, n_dupes)
    orgs = [f"Bench Org {i:05d} GmbH" for i in range(20000)]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(HEADER)
        for i in range(n_rows):
            if people and i % 20 == 10:
                g, fa, d, email, phone, city, country, org = people[(i // 20) % len(people)]
                # Keep one matching key: email, phone, or name at the organization.
                which = (i // 20) % 3
                if which == 0 and email:
                    phone = ""
                elif which == 1 and phone:
                    email = ""
                elif org:
                    email = phone = ""
                w.writerow([g, fa, d, org, "", "", email, phone, "", city, "", "", country,
                            "", "", "", "", "", ""])
                continue
            g = GIVEN[rng.randrange(len(GIVEN))]
            if g.isascii():
                # A middle initial: fewer namesakes at one organization.
                g += " " + chr(ord("A") + rng.randrange(26)) + "."
            fa = FAMILY[rng.randrange(len(FAMILY))]
            city, country = CITIES[rng.randrange(len(CITIES))]
            area = AREAS[i % len(AREAS)]
            line = i // len(AREAS)
            phone = f"+1{area}{200 + line // 10000:03d}{line % 10000:04d}"
            email = f"bench.{i}@example{i % 97}.com"
            w.writerow([g, fa, "", orgs[i % len(orgs)], "Engineer", "", email, phone, "",
                        city, "", "", country, "", "", "", "", "", ""])


def time_floor(csv_path, tmpdir):
    db = os.path.join(tmpdir, "floor.db")
    start = time.monotonic()
    subprocess.run(["sqlite3", db], input=f".mode csv\n.import '{csv_path}' t\n",
                   text=True, check=True, capture_output=True)
    return time.monotonic() - start


def time_import(csv_path, db_path, builddir, tmpdir):
    copy = os.path.join(tmpdir, "rapport.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db_path + suffix):
            shutil.copyfile(db_path + suffix, copy + suffix)
    cli = os.path.join(builddir, "src", "cli", "rapport-cli")
    # A database of an older schema is migrated when it is first opened: not
    # part of the import.
    subprocess.run([cli, "--database", copy, "stats"], check=True, capture_output=True)
    # The copy's gigabytes would otherwise still be on their way to the disk
    # while the import runs, and the import would wait for them.
    os.sync()
    start = time.monotonic()
    out = subprocess.run([cli, "--database", copy, "import", csv_path, "--json"],
                         check=True, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    return elapsed, json.loads(out.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("database")
    parser.add_argument("builddir")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", help="directory to keep the CSV and databases in")
    args = parser.parse_args()

    tmpdir = args.keep or tempfile.mkdtemp(prefix="rapport-bench-import-")
    os.makedirs(tmpdir, exist_ok=True)
    try:
        csv_path = os.path.join(tmpdir, "people.csv")
        generate(csv_path, args.rows, args.database)
        floor = time_floor(csv_path, tmpdir)
        value, result = time_import(csv_path, args.database, args.builddir, tmpdir)
        print(f"imported {result['imported']}, skipped {result['skipped']}, "
              f"rejected {len(result['rejected'])}", file=sys.stderr)
        print(json.dumps({"metric": "import_1m_csv_s", "value": round(value, 3), "unit": "s",
                          "floor": round(floor, 3), "ratio": round(value / floor, 2)}))
    finally:
        if not args.keep:
            shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    main()
