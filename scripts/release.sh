#!/usr/bin/env bash
# Cuts a release (docs/release.md): from a clean tree whose version is not tagged yet, builds in a
# fresh folder, runs the whole test suite (scripts/test.sh), makes the Linux packages (cpack: DEB
# and TGZ), writes SHA256SUMS beside them, and prints the tag command to run. It pushes nothing.
#
#   bash scripts/release.sh
#
# RELEASE_DIR sets the build folder (default build-release-VERSION; emptied first). The version is
# project(Sportello VERSION ...) in CMakeLists.txt, and CHANGELOG.md's latest entry must be it.
# SPORTELLO_SANITIZERS=0 skips the sanitizer and fuzzer runs, as for test.sh (not for a real release).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$SPORTELLO_ROOT"

fail() {
  echo "release: $*" >&2
  exit 1
}

version=$(sed -n 's/^project(Sportello VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)
[ -n "$version" ] || fail "no project(Sportello VERSION x.y.z) in CMakeLists.txt"
tag="v$version"

# What is released is exactly a commit: no change, staged or not, and no file git does not know.
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || fail "not a git work tree"
if [ -n "$(git status --porcelain --untracked-files=normal)" ]; then
  git status --short >&2
  fail "the tree has changes: commit or stash them first"
fi
if git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
  fail "$tag is already tagged: raise the version in CMakeLists.txt (and add its CHANGELOG.md entry)"
fi
latest=$(sed -n 's/^## \[\([0-9][0-9.]*\)\] - [0-9-]*$/\1/p' CHANGELOG.md | head -n 1)
[ "$latest" = "$version" ] || fail "CHANGELOG.md's latest release is '$latest', not $version"

commit=$(git rev-parse HEAD)
# The build date in the binaries is the commit's, so that a rebuild of the tag gives the same files.
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct HEAD)
export SOURCE_DATE_EPOCH
RELEASE_DIR=${RELEASE_DIR:-"$SPORTELLO_ROOT/build-release-$version"}
rm -rf "$RELEASE_DIR"
echo "release: Sportello $version from $commit, built in $RELEASE_DIR"

BUILD_DIR="$RELEASE_DIR" bash scripts/test.sh

(cd "$RELEASE_DIR" && cpack -G "DEB;TGZ")
dist="$RELEASE_DIR/dist"
mkdir -p "$dist"
mv "$RELEASE_DIR"/*.deb "$RELEASE_DIR"/*.tar.gz "$dist"/
(cd "$dist" && sha256sum -- *.deb *.tar.gz >SHA256SUMS)

# The build must not have touched the tree (a generated file written into the sources, say).
if [ -n "$(git status --porcelain --untracked-files=normal)" ]; then
  git status --short >&2
  fail "the build changed the tree"
fi

echo
echo "release: Sportello $version is ready in $dist:"
cat "$dist/SHA256SUMS"
echo
echo "Tag it, then push the tag (the Windows and macOS packages come from the desktop workflow's run on it):"
echo "  git tag -a $tag -m \"Sportello $version\" $commit"
echo "  git push origin $tag"
