"""Runs checkov on the module catalog once per environment, with each unit's literal
inputs, and holds the result to the environment's ledger of security trade-offs.

For environment E: every module E deploys is copied to WORK/E/<unit>/ with
INPUTS/E/<unit>.tfvars.json as terraform.tfvars.json (checkov loads it), and one checkov
run judges them all. A failed check passes only if generated/E/security-trade-offs.yaml
lists it (unit, check, resource without index); a listed trade-off that no longer fails is
an error too, so the ledger cannot go stale. A failure on a resource the inputs don't
create (a counted resource that checkov reports without an index) is not a finding.

Inputs are copied with one change, for checkov only: checkov 3.3.30 evaluates every input
string holding a comparison or logical operator between spaces (" || ", " && ", " == ",
" != ", " < ", " <= ", " > ", " >= ": its COMPARE_OPERATORS) as an expression, and a module
`for_each` over such a value then stops expanding: its resources are judged as if they did
not exist, so trade-offs show as stale and checks go missing. A CMD-SHELL health check
`curl -fs http://localhost/health || exit 1` is such a string. Each of those operators in a
string input becomes a word (" or ", " and ", " gt " ...): the value stays a string of
nearly the same text, no check judges a shell command, and tfgen's real inputs (the env
tree's terragrunt.hcl) are untouched. tests/fixtures/variants/workloads-edge.yaml has such
a health check: without this, its run reports two stale trade-offs.
"""

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import hcl2
import yaml

# The operators checkov evaluates in a string (see the module docstring), each with the
# word it becomes in the inputs checkov reads.
BLINDING_OPERATORS = {
    " || ": " or ", " && ": " and ", " == ": " eq ", " != ": " ne ",
    " <= ": " le ", " >= ": " ge ", " < ": " lt ", " > ": " gt ",
}


def checkov_safe(value):
    """The input value with those operators in its strings replaced: same types, same shape."""
    if isinstance(value, str):
        previous = None
        while previous != value:  # " a > > b": the second operator shares a space
            previous = value
            for operator, word in BLINDING_OPERATORS.items():
                value = value.replace(operator, word)
        return value
    if isinstance(value, list):
        return [checkov_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: checkov_safe(v) for k, v in value.items()}
    return value


def counted_resources(module: Path) -> set:
    """`type.name` of every resource with count or for_each in the module."""
    out = set()
    for tf in module.glob("*.tf"):
        with tf.open() as f:
            doc = hcl2.load(f)
        for block in doc.get("resource", []):
            for rtype, named in block.items():
                for name, body in named.items():
                    if "count" in body or "for_each" in body:
                        out.add(f"{rtype}.{name}")
    return out


def run_env(args, env: str) -> int:
    inputs = Path(args.inputs) / env
    work = Path(args.work) / env
    shutil.rmtree(work, ignore_errors=True)
    counted = {}
    for var_file in sorted(inputs.glob("*.tfvars.json")):
        unit = var_file.name.removesuffix(".tfvars.json")
        module = Path(args.generated) / "modules" / unit
        shutil.copytree(module, work / unit, ignore=shutil.ignore_patterns("*.md"))
        tfvars = json.loads(var_file.read_text())
        (work / unit / "terraform.tfvars.json").write_text(json.dumps(checkov_safe(tfvars), indent=2))
        counted[unit] = counted_resources(module)
    ledger_path = Path(args.generated) / env / "security-trade-offs.yaml"
    ledger = yaml.safe_load(ledger_path.read_text())["trade_offs"] or []
    expected = {(t["unit"], t["check"], t["resource"]) for t in ledger}

    proc = subprocess.run(
        [args.checkov, "-d", str(work), "--framework", "terraform", "--skip-download",
         "--download-external-modules", "false", "-o", "json", "--quiet"],
        capture_output=True, text=True,
    )
    report = json.loads(proc.stdout) if proc.stdout.strip() else {}
    reports = report if isinstance(report, list) else [report]
    failed, skipped, passed, parse_errors = [], 0, 0, 0
    for r in reports:
        summary = r.get("summary", {})
        passed += summary.get("passed", 0)
        skipped += summary.get("skipped", 0)
        parse_errors += summary.get("parsing_errors", 0)
        failed += r.get("results", {}).get("failed_checks", [])

    problems, accepted, seen = [], 0, set()
    for c in failed:
        unit = Path(c["file_path"]).parts[1] if c["file_path"].startswith("/") else Path(c["file_path"]).parts[0]
        resource = c["resource"]
        address = resource.split("[", 1)[0]
        if "[" not in resource and address in counted.get(unit, set()):
            continue  # count/for_each evaluates to nothing with these inputs
        key = (unit, c["check_id"], address)
        if key in expected:
            accepted += 1
            seen.add(key)
            continue
        problems.append(
            f"  FAILED {c['check_id']} {unit}: {resource} ({c['check_name']}); fix the module, "
            f"or record the spec's choice as a trade-off of this unit"
        )
    for key in sorted(expected - seen):
        problems.append(f"  STALE trade-off {key[1]} {key[0]}: {key[2]} no longer fails; drop it from the plan")
    if parse_errors:
        problems.append(f"  {parse_errors} parsing error(s)")
    print(f"checkov {env}: {len(counted)} units, passed={passed} skipped={skipped} "
          f"accepted trade-offs={accepted} problems={len(problems)}")
    for p in problems:
        print(p)
    return 1 if problems else 0


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--checkov", required=True)
    p.add_argument("--generated", required=True)
    p.add_argument("--inputs", required=True)
    p.add_argument("--work", required=True)
    args = p.parse_args()
    status = 0
    for env in sorted(d.name for d in Path(args.inputs).iterdir() if d.is_dir()):
        status |= run_env(args, env)
    return status


if __name__ == "__main__":
    sys.exit(main())
