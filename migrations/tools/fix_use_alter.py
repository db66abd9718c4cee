"""Move use_alter foreign keys out of create_table (Alembic would silently drop them) into batch ALTERs."""
import re, sys
p = sys.argv[1]
lines = open(p).read().split("\n")
out, table, adds = [], None, []
for line in lines:
    m = re.match(r"\s*op\.create_table\('(\w+)'", line)
    if m:
        table = m.group(1)
    if "use_alter=True" in line and "ForeignKeyConstraint" in line:
        fk = re.search(r"ForeignKeyConstraint\(\['(\w+)'\], \['(\w+)\.(\w+)'\], name=op\.f\('(\w+)'\)(.*?)(, use_alter=True)\)", line)
        col, reft, refc, name, rest, _ = fk.groups()
        adds.append(f"    with op.batch_alter_table('{table}') as batch_op:\n        batch_op.create_foreign_key(op.f('{name}'), '{reft}', ['{col}'], ['{refc}']{rest})")
        continue
    out.append(line)
text = "\n".join(out)
marker = "    # ### end Alembic commands ###"
first = text.index(marker)
text = text[:first] + "\n".join(adds) + "\n" + text[first:]
open(p, "w").write(text)
print(f"moved {len(adds)} use_alter foreign keys")
