"""Run every benchmark: `python -m benchmarks` (or `make bench`), `--quick` for a smoke run.

Each benchmark prints its details as it goes and returns one-line results; they are printed together
at the end as ratios against baselines run in this same process, so the numbers compare like with like
whatever the machine. Always exits 0: a missed target is reported, not raised.
"""

import argparse
import os
import platform
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100k points and 10 wards, for a smoke run")
    args = parser.parse_args(argv)

    # The ward page is measured against a throwaway test database, so the test settings are the default.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    # Imported only now: the ward page benchmark imports models, which need Django set up.
    from benchmarks import (
        abstraction,
        api_fuzz,
        backup,
        crime_import,
        crime_profile,
        demo_build,
        duty_import,
        epic_report,
        jobs,
        kin_compliance,
        library_search,
        locate,
        public_load,
        scorecard,
        shift_planner,
        supervision,
        ward_page,
    )

    started = time.perf_counter()
    print(
        f"Benchmarks{' (quick)' if args.quick else ''}: Python {platform.python_version()}, "
        f"Django {django.get_version()}, settings {os.environ['DJANGO_SETTINGS_MODULE']}",
        flush=True,
    )
    results = locate.run(quick=args.quick)
    results += ward_page.run(quick=args.quick)
    results += crime_import.run(quick=args.quick)
    results += crime_profile.run(quick=args.quick)
    results += kin_compliance.run(quick=args.quick)
    results += epic_report.run(quick=args.quick)
    results += library_search.run(quick=args.quick)
    results += api_fuzz.run(quick=args.quick)
    results += public_load.run(quick=args.quick)
    # The workforce (issue 12).
    results += duty_import.run(quick=args.quick)
    results += abstraction.run(quick=args.quick)
    results += shift_planner.run(quick=args.quick)
    results += supervision.run(quick=args.quick)
    results += demo_build.run(quick=args.quick)
    # Running it (issue 13): the job queue's throughput and an import as a job, then backup and restore.
    results += jobs.run(quick=args.quick)
    results += backup.run(quick=args.quick)
    # The 2025 Guarantee (issue 14): the force scorecard for a month.
    results += scorecard.run(quick=args.quick)

    print(f"\n=== Summary ({time.perf_counter() - started:.0f} s) ===")
    for result in results:
        print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
