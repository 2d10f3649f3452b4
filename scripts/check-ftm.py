#!/usr/bin/env python3
"""Check a backchannel FtM export with the followthemoney library itself.

    check-ftm.py EXPORT [--original FILE --schemata S1,S2,...]

1. Every entity goes through followthemoney's validation (what `ftm
   validate` does: re-set every property through the model, which drops
   values it does not accept): no id may be invalid and no value may be
   dropped, references included.
2. Every reference of a relationship (an Interval's entity properties)
   points at an entity of the export.
3. With --original: every entity of the original file whose schema is in
   --schemata (what backchannel imports) is in the export under its
   original id, with every original property value (the export may add
   values, e.g. an address's text), unless it is a relationship to an
   entity of a schema that is not imported.
Prints a summary line; exits 1 with the problems listed on failure."""
import argparse, copy, json, sys

from followthemoney import model
from followthemoney.entity import ValueEntity
from followthemoney.types import registry


def cleaned(raw):
    """The entity's properties as followthemoney keeps them."""
    proxy = ValueEntity.from_dict(copy.deepcopy(raw), cleaned=False)
    clean = proxy.clone()
    for prop in proxy.iterprops():
        clean.set(prop, proxy.get_prop(prop))
    return clean.to_dict()["properties"]


def read(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("export")
    ap.add_argument("--original")
    ap.add_argument("--schemata", default="")
    args = ap.parse_args()
    problems = []
    orig = read(args.original) if args.original else []
    # What the library drops from the original is not the export's loss.
    orig_clean = {o["id"]: cleaned(o) for o in orig}
    orig_raw = {o["id"]: o for o in orig}
    ents = read(args.export)
    ids = {e["id"] for e in ents}
    refs = 0
    for raw in ents:
        if not registry.entity.validate(raw["id"]):
            problems.append("%s: not a valid FtM id" % raw["id"])
        got = cleaned(raw)
        for name, values in raw["properties"].items():
            kept = set(got.get(name, []))
            orig_values = orig_clean.get(raw["id"], {}).get(name, [])
            dropped_by_original = set(orig_raw.get(raw["id"], {}).get("properties", {}).get(name, [])) - set(orig_values)
            for v in values:
                if v not in kept and v not in dropped_by_original:
                    problems.append("%s (%s): followthemoney drops %s=%r" % (raw["id"], raw["schema"], name, v))
        schema = model.get(raw["schema"])
        if schema.is_a("Interval"):
            for prop in schema.properties.values():
                if prop.type != registry.entity:
                    continue
                for v in raw["properties"].get(prop.name, []):
                    refs += 1
                    if v not in ids:
                        problems.append("%s (%s): %s=%s is not in the export" % (raw["id"], raw["schema"], prop.name, v))
    checked = 0
    if args.original:
        keep = set(filter(None, args.schemata.split(",")))
        schema_of = {e["id"]: e["schema"] for e in orig}
        by_id = {e["id"]: e for e in ents}
        for o in orig:
            if o["schema"] not in keep:
                continue
            schema = model.get(o["schema"])
            ends = [v for p in schema.properties.values() if p.type == registry.entity and schema.is_a("Interval")
                    for v in o["properties"].get(p.name, [])]
            if any(schema_of.get(v) not in keep for v in ends):
                continue  # a link to an entity backchannel does not import
            checked += 1
            e = by_id.get(o["id"])
            if e is None:
                problems.append("%s (%s): the original id is not in the export" % (o["id"], o["schema"]))
                continue
            for name, values in orig_clean[o["id"]].items():
                have = set(e["properties"].get(name, []))
                for v in values:
                    if v not in have:
                        problems.append("%s (%s): original %s=%r is not in the export" % (o["id"], o["schema"], name, v))
    for p in problems[:50]:
        print(p, file=sys.stderr)
    if len(problems) > 50:
        print("... and %d more" % (len(problems) - 50), file=sys.stderr)
    print("check-ftm: %d entities, %d relationship references, %d original entities checked, %d problems"
          % (len(ents), refs, checked, len(problems)))
    sys.exit(1 if problems else 0)


main()
