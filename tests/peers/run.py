#!/usr/bin/env python3
"""Runs `secdojo policy lint`, parliament, cloudsplaining and checkov side by side on the corpus in
tests/peers/corpus (listed with what each input should get in tests/peers/corpus.tsv) and prints
a Markdown table per category: how many of the inputs that should be flagged each tool flags,
and how many of those that should stay clean it flags anyway (false positives).

Not part of `cargo test`: it needs the peers from PyPI. Use tests/peers/run.sh, which creates the
virtualenvs (the three pin dependencies that conflict, so each has its own); or run this with
PARLIAMENT, CLOUDSPLAINING, CHECKOV and SECDOJO naming the executables.

"Flagged" means, per tool:
  secdojo         a finding of severity warning, security-warning or error (suggestions do not count)
  parliament      any finding (parliament --json)
  cloudsplaining  any "Potential Issue found" of scan-policy-file; identity policies only
  checkov         any failed check on the input wrapped in a CloudFormation template
                  (IAM managed policy, role trust, bucket policy, security group, network ACL
                  entries); SCPs have no CloudFormation form checkov checks, so n/a;
                  CKV_AWS_23 (a description on every security-group rule) is left out
"""
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SECDOJO = os.environ.get("SECDOJO", os.path.join(HERE, "..", "..", "target", "release", "secdojo"))
IAM_KINDS = {"identity", "resource", "trust", "scp"}
# Checks that ask for metadata, not about access: CKV_AWS_23 wants a description on every
# security-group rule, so it fires on every group and says nothing about exposure.
CHECKOV_IGNORED = {"CKV_AWS_23"}


def tool(name):
    return os.environ.get(name.upper(), name)


def run(cmd):
    # No standard input: parliament refuses --file when stdin is not a terminal it can ignore.
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr


def secdojo(path, kind):
    cmd = [SECDOJO, "--lang", "en", "policy", "lint", path, "--format", "json"]
    if kind in IAM_KINDS:
        cmd += ["--kind", kind]
    _, out, err = run(cmd)
    try:
        found = json.loads(out)
    except json.JSONDecodeError:
        return None, err.strip()[:80]
    hits = [f["code"] for f in found if f["severity"] in ("warning", "security-warning", "error")]
    return bool(hits), ",".join(sorted(set(hits)))


def parliament(path, kind):
    if kind not in IAM_KINDS:
        return None, "n/a"
    with open(path) as f:
        text = f.read()
    _, out, _ = run([tool("parliament"), "--string", text, "--json"])
    issues = []
    for line in out.splitlines():
        try:
            issues.append(json.loads(line)["issue"])
        except (json.JSONDecodeError, KeyError):
            pass
    return bool(issues), ",".join(sorted(set(issues)))


def cloudsplaining(path, kind):
    if kind != "identity":
        return None, "n/a"
    _, out, err = run([tool("cloudsplaining"), "scan-policy-file", "--input-file", path])
    text = re.sub(r"\x1b\[[0-9;]*m", "", out)
    cats = re.findall(r"Potential Issue found: Policy is capable of (.+)", text)
    if not cats and "Traceback" in err:
        return None, err.strip().splitlines()[-1][:80]
    return bool(cats), ",".join(sorted(set(c.strip() for c in cats)))


def cfn(doc, kind):
    """The input as a CloudFormation template checkov can read, or None."""
    res = {}
    if kind == "identity":
        res["P"] = {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": doc}}
    elif kind == "trust":
        res["R"] = {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": doc}}
    elif kind == "resource":
        res["B"] = {"Type": "AWS::S3::BucketPolicy",
                    "Properties": {"Bucket": "amzn-s3-demo-bucket", "PolicyDocument": doc}}
    elif kind == "sg":
        def rules(rs, egress):
            out = []
            for r in rs:
                e = {"IpProtocol": str(r.get("protocol", "-1")),
                     "FromPort": r.get("from_port", -1), "ToPort": r.get("to_port", -1)}
                if "source_sg" in r:
                    e["DestinationSecurityGroupId" if egress else "SourceSecurityGroupId"] = r["source_sg"]
                elif ":" in r["cidr"]:
                    e["CidrIpv6"] = r["cidr"]
                else:
                    e["CidrIp"] = r["cidr"]
                out.append(e)
            return out
        res["G"] = {"Type": "AWS::EC2::SecurityGroup", "Properties": {
            "GroupDescription": "corpus", "VpcId": "vpc-1a2b3c4d",
            "SecurityGroupIngress": rules(doc.get("ingress", []), False),
            "SecurityGroupEgress": rules(doc.get("egress", []), True)}}
    elif kind == "nacl":
        res["A"] = {"Type": "AWS::EC2::NetworkAcl", "Properties": {"VpcId": "vpc-1a2b3c4d"}}
        proto = {"-1": -1, "tcp": 6, "udp": 17, "icmp": 1}
        for egress, rs in ((False, doc.get("inbound", [])), (True, doc.get("outbound", []))):
            for i, r in enumerate(rs):
                e = {"NetworkAclId": {"Ref": "A"}, "RuleNumber": r["rule_number"],
                     "Protocol": proto.get(str(r["protocol"]), -1), "RuleAction": r["action"],
                     "Egress": egress,
                     "PortRange": {"From": r.get("from_port", -1), "To": r.get("to_port", -1)}}
                e["Ipv6CidrBlock" if ":" in r["cidr"] else "CidrBlock"] = r["cidr"]
                res[f"E{'o' if egress else 'i'}{i}"] = {"Type": "AWS::EC2::NetworkAclEntry", "Properties": e}
    else:
        return None
    return {"AWSTemplateFormatVersion": "2010-09-09", "Resources": res}


def checkov_all(rows):
    """One checkov run over every wrapped input; returns {file: (flagged, checks)}."""
    out = {}
    with tempfile.TemporaryDirectory() as d:
        names = {}
        for r in rows:
            with open(os.path.join(HERE, r["file"])) as f:
                tpl = cfn(json.load(f), r["kind"])
            if tpl is None:
                out[r["file"]] = (None, "n/a")
                continue
            name = r["file"].replace("/", "__")
            names[name] = r["file"]
            with open(os.path.join(d, name), "w") as f:
                json.dump(tpl, f)
        _, stdout, err = run([tool("checkov"), "-d", d, "--framework", "cloudformation",
                              "-o", "json", "--quiet", "--compact"])
        try:
            reports = json.loads(stdout)
        except json.JSONDecodeError:
            sys.exit(f"checkov gave no JSON: {err[:500]}")
        if isinstance(reports, dict):
            reports = [reports]
        failed = defaultdict(set)
        for rep in reports:
            for c in rep.get("results", {}).get("failed_checks", []):
                if c["check_id"] in CHECKOV_IGNORED:
                    continue
                failed[os.path.basename(c["file_path"])].add(c["check_id"])
        for name, file in names.items():
            checks = failed.get(name, set())
            out[file] = (bool(checks), ",".join(sorted(checks)))
    return out


def main():
    with open(os.path.join(HERE, "corpus.tsv")) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    ck = checkov_all(rows)
    tools = ["secdojo", "parliament", "cloudsplaining", "checkov"]
    results = []
    for r in rows:
        path = os.path.join(HERE, r["file"])
        got = {
            "secdojo": secdojo(path, r["kind"]),
            "parliament": parliament(path, r["kind"]),
            "cloudsplaining": cloudsplaining(path, r["kind"]),
            "checkov": ck[r["file"]],
        }
        results.append((r, got))
    detail = os.environ.get("PEERS_DETAIL")
    if detail:
        with open(detail, "w") as f:
            f.write("file\texpect\t" + "\t".join(tools) + "\n")
            for r, got in results:
                f.write(f"{r['file']}\t{r['expect']}\t" + "\t".join(
                    ("-" if got[t][0] is None else ("FLAG " if got[t][0] else "ok ") + got[t][1])
                    for t in tools) + "\n")
    cats = []
    for r, _ in results:
        if r["category"] not in cats:
            cats.append(r["category"])
    print("| category | inputs (flag / clean) | " + " | ".join(
        f"{t} caught | {t} false pos." for t in tools) + " |")
    print("|---|---|" + "---|---|" * len(tools))
    totals = defaultdict(lambda: [0, 0, 0, 0])
    for cat in cats + ["all"]:
        sel = [(r, g) for r, g in results if cat == "all" or r["category"] == cat]
        nf = sum(1 for r, _ in sel if r["expect"] == "flag")
        nc = len(sel) - nf
        cells = []
        for t in tools:
            app_f = [g for r, g in sel if r["expect"] == "flag" and g[t][0] is not None]
            app_c = [g for r, g in sel if r["expect"] == "clean" and g[t][0] is not None]
            caught = sum(1 for g in app_f if g[t][0])
            fp = sum(1 for g in app_c if g[t][0])
            cells.append(f"{caught}/{len(app_f)}" if app_f else "n/a")
            cells.append(f"{fp}/{len(app_c)}" if app_c else "n/a")
        print(f"| {cat} | {len(sel)} ({nf} / {nc}) | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
