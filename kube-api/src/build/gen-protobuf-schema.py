#!/usr/bin/env python3
"""Generates kube-api's protobuf schema table from Kubernetes' own sources.

Reads the go-to-protobuf output (generated.proto: message names, field numbers, wire types) and
the Go types next to it (types.go: JSON name, omitempty, pointer, inline) of k8s.io/api,
k8s.io/apimachinery and k8s.io/apiextensions-apiserver, and writes one line per message and field:

  P <proto package> <group> <version>            a package and the API group-version it serves
                                                  (group "." is the core group; "- -": none)
  M <message> [a]                                 a message of the current package; "a": its JSON
                                                  form is the array of its field 1 (Go named slice)
  F <number> <json name> <o|r|m> <type> <flags>   a field: optional, repeated or map; type is a
                                                  scalar, a full message name, or key,value for
                                                  maps; flags: p pointer, e omitempty, i inline

Usage: gen-protobuf-schema.py API_GIT_DIR APIMACHINERY_GIT_DIR APIEXTENSIONS_GIT_DIR > table
(each a git directory, read at HEAD, e.g. a bare clone of github.com/kubernetes/api).
"""
import re
import subprocess
import sys

# Versions kept: the ones kube-apiserver serves by default (GA, plus autoscaling/v2).
API_DIRS_VERSIONS = re.compile(r"^[a-z]+/v[0-9]+$")


def git_show(repo, path):
    return subprocess.run(["git", "--git-dir", repo, "show", "HEAD:" + path],
                          check=True, capture_output=True, text=True).stdout


def git_ls(repo):
    out = subprocess.run(["git", "--git-dir", repo, "ls-tree", "-r", "--name-only", "HEAD"],
                         check=True, capture_output=True, text=True).stdout
    return out.split("\n")


def git_head(repo):
    return subprocess.run(["git", "--git-dir", repo, "rev-parse", "HEAD"],
                          check=True, capture_output=True, text=True).stdout.strip()


FIELD = re.compile(r"^\s*(optional|repeated)\s+(\S+)\s+(\w+)\s*=\s*(\d+)\s*;")
MAP = re.compile(r"^\s*map<\s*(\S+)\s*,\s*(\S+)\s*>\s+(\w+)\s*=\s*(\d+)\s*;")


def parse_proto(text):
    """(package, [(message, [(card, type, name, number)])])"""
    package = re.search(r"^package\s+([\w.]+)\s*;", text, re.M).group(1)
    messages = []
    current = None
    depth = 0
    for line in text.split("\n"):
        s = line.split("//")[0]
        if not s.strip():
            continue
        m = re.match(r"^message\s+(\w+)\s*\{", s)
        if m and depth == 0:
            current = (m.group(1), [])
            messages.append(current)
            depth = 1
            continue
        if depth >= 1:
            if "{" in s:
                raise SystemExit("nested block in " + package + "." + current[0])
            if "}" in s:
                depth = 0
                current = None
                continue
            f = FIELD.match(s)
            if f:
                current[1].append((f.group(1)[0], f.group(2), f.group(3), int(f.group(4))))
                continue
            f = MAP.match(s)
            if f:
                current[1].append(("m", f.group(1) + "," + f.group(2), f.group(3), int(f.group(4))))
                continue
            raise SystemExit("unparsed line in " + package + "." + current[0] + ": " + line)
    return package, messages


def parse_go(texts):
    """{(struct, protobuf name): (json name, omitempty, pointer, inline)}; structs: set of names."""
    fields = {}
    structs = set()
    for text in texts:
        struct = None
        for line in text.split("\n"):
            m = re.match(r"^type\s+(\w+)\s+struct\s*\{", line)
            if m:
                struct = m.group(1)
                structs.add(struct)
                continue
            if line.startswith("}"):
                struct = None
                continue
            if struct is None or "protobuf:\"" not in line:
                continue
            decl, _, tags = line.strip().partition("`")
            tokens = decl.split()
            gotype = tokens[0] if len(tokens) == 1 else tokens[1]
            pb = re.search(r'protobuf:"([^"]*)"', tags)
            if pb is None:
                continue  # e.g. a protobuf option in a comment
            pbname = re.search(r"name=(\w+)", pb.group(1))
            if pbname is not None:
                pbname = pbname.group(1)
            elif len(tokens) == 1:
                pbname = tokens[0][0].lower() + tokens[0][1:]  # embedded, unnamed: go-to-protobuf's name
            else:
                continue
            js = re.search(r'json:"([^"]*)"', tags)
            jsname, _, opts = (js.group(1) if js else "").partition(",")
            inline = len(tokens) == 1 and (jsname == "" or "inline" in opts)
            if not inline and jsname == "":
                jsname = tokens[0]
            fields[(struct, pbname)] = (jsname, "omitempty" in opts, gotype.startswith("*"), inline)
    return fields, structs


def group_of(repo, directory):
    for path in git_ls(repo):
        if path.startswith(directory + "/") and path.endswith("register.go"):
            m = re.search(r'GroupName\s*=\s*"([^"]*)"', git_show(repo, path))
            if m:
                return m.group(1)
    raise SystemExit("no GroupName in " + directory)


def emit(out, repo, directory, group, version):
    package, messages = parse_proto(git_show(repo, directory + "/generated.proto"))
    gofiles = [p for p in git_ls(repo) if p.startswith(directory + "/") and p.endswith(".go")
               and p.count("/") == directory.count("/") + 1 and not p.endswith("_test.go")
               and "generated" not in p.rsplit("/", 1)[1]]
    gofields, structs = parse_go([git_show(repo, p) for p in gofiles])
    out.append("P %s %s %s" % (package, "-" if group is None else (group or "."), version or "-"))
    for name, fields in messages:
        array = (name not in structs and len(fields) == 1 and fields[0][0] == "r"
                 and fields[0][2] == "items" and fields[0][3] == 1)
        out.append("M " + name + (" a" if array else ""))
        for card, typ, pname, number in fields:
            if typ.startswith("."):
                typ = typ[1:]
            elif "," in typ:
                typ = ",".join(t[1:] if t.startswith(".") else t for t in typ.split(","))
            if typ[0].isupper():
                typ = package + "." + typ  # a message of this package
            if "," in typ:
                k, v = typ.split(",")
                if v[0].isupper():
                    v = package + "." + v
                typ = k + "," + v
            info = gofields.get((name, pname))
            if info is None:
                # Go types with hand-written protobuf (Time, Quantity...) or a named slice
                print("no Go field for %s.%s.%s" % (package, name, pname), file=sys.stderr)
                jsname, flags = pname, "-"
            else:
                jsname, omit, pointer, inline = info
                flags = ("p" if pointer else "") + ("e" if omit else "") + ("i" if inline else "")
                flags = flags or "-"
            out.append("F %d %s %s %s %s" % (number, jsname or "-", card, typ, flags))


def main():
    api, machinery, extensions = sys.argv[1:4]
    out = ["# Generated by kube-api/src/build/gen-protobuf-schema.py; do not edit.",
           "# k8s.io/api " + git_head(api),
           "# k8s.io/apimachinery " + git_head(machinery),
           "# k8s.io/apiextensions-apiserver " + git_head(extensions)]
    emit(out, machinery, "pkg/apis/meta/v1", None, None)
    emit(out, machinery, "pkg/runtime", None, None)
    emit(out, machinery, "pkg/util/intstr", None, None)
    emit(out, machinery, "pkg/api/resource", None, None)
    dirs = sorted({p.rsplit("/", 1)[0] for p in git_ls(api) if p.endswith("/generated.proto")})
    done = set()
    for d in dirs:
        if API_DIRS_VERSIONS.match(d):
            emit(out, api, d, group_of(api, d), d.split("/")[1])
            done.add(d)
    emit(out, extensions, "pkg/apis/apiextensions/v1", "apiextensions.k8s.io", "v1")
    # GA types may refer to messages of other versions (alpha fields): add those packages too
    while True:
        referenced = set()
        for line in out:
            if line.startswith("F "):
                for t in line.split(" ")[4].split(","):
                    if t.startswith("k8s.io.api."):
                        referenced.add("/".join(t.split(".")[3:5]))
        missing = sorted(referenced - done)
        if not missing:
            break
        for d in missing:
            emit(out, api, d, group_of(api, d), d.split("/")[1])
            done.add(d)
    print("\n".join(out))


main()
