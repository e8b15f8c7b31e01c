// Releases of the two node packages, for developers who publish nodes (nodes/README.md, "Publishing"):
//
//   node scripts/release.js bump <n8n|node-red> <major|minor|patch|x.y.z> [--date YYYY-MM-DD]
//     sets the package's version and moves the "Unreleased" entries of its CHANGELOG.md under the new
//     version; prints the tag to push (n8n-nodes-iplus@1.2.0), which starts .github/workflows/release.yml.
//   node scripts/release.js stage <n8n|node-red> <folder>
//     writes the package as npm will publish it into <folder>: its files and a manifest without the
//     workspace-only fields (workspaces, overrides, devDependencies, scripts, allowScripts…), so
//     `npm pack <folder>` / `npm publish` ship exactly what n8n's verification and Node-RED expect.
//
// Refusals say what is wrong and exit 1; nothing is written before every check has passed (a missing
// changelog excepted: bump creates it, empty, for you to fill).
const fs = require('node:fs');
const path = require('node:path');

/** The two packages: where their manifest and changelog live, and what their published folder holds. */
const PACKAGES = {
  n8n: {
    name: 'n8n-nodes-iplus',
    dir: '.',
    changelog: 'nodes/CHANGELOG.md',
    // npm always adds README and LICENSE; `files` of the manifest selects within dist/.
    copy: ['dist', 'README.md', 'LICENSE'],
  },
  'node-red': {
    name: 'node-red-contrib-iplus',
    dir: 'node-red',
    changelog: 'node-red/CHANGELOG.md',
    copy: null, // the whole folder; its own `files` selects what is packed
    // the contract's emitted copy the nodes require (not in git): `npm run build` in node-red/ makes it
    built: ['nodes/lib/contract/index.js'],
  },
};

/** Manifest fields a published package keeps: everything else is the workspace's business. */
const PUBLISHED_FIELDS = [
  'name',
  'version',
  'description',
  'keywords',
  'license',
  'homepage',
  'bugs',
  'author',
  'contributors',
  'repository',
  'main',
  'types',
  'files',
  'engines',
  'n8n',
  'node-red',
  'dependencies',
  'peerDependencies',
  'peerDependenciesMeta',
  'publishConfig',
];

const UNRELEASED = '## [Unreleased]';

class ReleaseError extends Error {}

function packageOf(root, key) {
  const pkg = PACKAGES[key];
  if (!pkg) throw new ReleaseError(`unknown package "${key}": use ${Object.keys(PACKAGES).join(' or ')}`);
  const manifest = path.join(root, pkg.dir, 'package.json');
  if (!fs.existsSync(manifest)) {
    throw new ReleaseError(
      `${path.relative(root, manifest)} does not exist: the ${key} package is not in this checkout`,
    );
  }
  return { ...pkg, key, manifest, changelogPath: path.join(root, pkg.changelog) };
}

/** The version after `level` (major, minor, patch) or the explicit version `level`. */
function nextVersion(current, level) {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(current);
  if (!m) throw new ReleaseError(`the current version "${current}" is not x.y.z`);
  const [major, minor, patch] = m.slice(1).map(Number);
  if (level === 'major') return `${major + 1}.0.0`;
  if (level === 'minor') return `${major}.${minor + 1}.0`;
  if (level === 'patch') return `${major}.${minor}.${patch + 1}`;
  if (/^\d+\.\d+\.\d+$/.test(level)) {
    const higher =
      level
        .split('.')
        .map(Number)
        .reduce((d, n, i) => d || n - [major, minor, patch][i], 0) > 0;
    if (!higher) throw new ReleaseError(`version ${level} is not higher than the current ${current}`);
    return level;
  }
  throw new ReleaseError(`"${level}" is not a release level: use major, minor, patch or a version x.y.z`);
}

/** A new changelog, as `bump` creates it when a package has none yet. */
function emptyChangelog(name) {
  return `# Changelog of ${name}\n\nAll notable changes; the format is [Keep a Changelog](https://keepachangelog.com/en/1.1.0/), versions follow [semver](https://semver.org/).\n\n${UNRELEASED}\n`;
}

/** The changelog with its Unreleased entries moved under `version` of `date`, and an empty Unreleased. */
function releaseChangelog(text, file, version, date) {
  const start = text.indexOf(UNRELEASED);
  if (start < 0) throw new ReleaseError(`${file} has no "${UNRELEASED}" section: add one with what changed`);
  const bodyStart = start + UNRELEASED.length;
  const next = text.indexOf('\n## ', bodyStart);
  const body = text.slice(bodyStart, next < 0 ? text.length : next).trim();
  if (!/^\s*[-*] /m.test(body)) {
    throw new ReleaseError(
      `nothing under "${UNRELEASED}" in ${file}: list what changed (lines starting with "- ") first`,
    );
  }
  if (text.includes(`## [${version}]`))
    throw new ReleaseError(`${file} already has a section for ${version}`);
  const rest = next < 0 ? '' : text.slice(next);
  return `${text.slice(0, start)}${UNRELEASED}\n\n## [${version}] - ${date}\n\n${body}\n${rest}`;
}

/** Sets the version and releases the changelog; returns the new version and the tag to push. */
function bump({ root, key, level, date }) {
  const pkg = packageOf(root, key);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ReleaseError(`date "${date}" is not YYYY-MM-DD`);
  const manifestText = fs.readFileSync(pkg.manifest, 'utf8');
  const manifest = JSON.parse(manifestText);
  if (manifest.name !== pkg.name) {
    throw new ReleaseError(
      `${path.relative(root, pkg.manifest)} names "${manifest.name}", expected "${pkg.name}"`,
    );
  }
  const version = nextVersion(manifest.version, level);
  if (!fs.existsSync(pkg.changelogPath)) {
    fs.writeFileSync(pkg.changelogPath, emptyChangelog(pkg.name));
    throw new ReleaseError(
      `${pkg.changelog} did not exist: it has been created, list what changed under "${UNRELEASED}" and run again`,
    );
  }
  const changelog = releaseChangelog(
    fs.readFileSync(pkg.changelogPath, 'utf8'),
    pkg.changelog,
    version,
    date,
  );
  // Only the version line changes: the manifest keeps its formatting and key order.
  const updated = manifestText.replace(/("version"\s*:\s*)"[^"]*"/, `$1"${version}"`);
  fs.writeFileSync(pkg.changelogPath, changelog);
  fs.writeFileSync(pkg.manifest, updated);
  return { version, tag: `${pkg.name}@${version}` };
}

/** The manifest as published: the fields of PUBLISHED_FIELDS, in their order. */
function publishedManifest(manifest) {
  const out = {};
  for (const field of PUBLISHED_FIELDS) if (manifest[field] !== undefined) out[field] = manifest[field];
  return out;
}

/** Writes the publishable package into `target` (emptied first); returns the manifest written. */
function stage({ root, key, target }) {
  const pkg = packageOf(root, key);
  const source = path.join(root, pkg.dir);
  const manifest = JSON.parse(fs.readFileSync(pkg.manifest, 'utf8'));
  const entries =
    pkg.copy ?? fs.readdirSync(source).filter((e) => !['node_modules', 'package.json'].includes(e));
  for (const entry of pkg.copy ?? []) {
    if (!fs.existsSync(path.join(source, entry))) {
      throw new ReleaseError(`${entry} is missing: build the package first (npm run build:nodes)`);
    }
  }
  for (const file of pkg.built ?? []) {
    if (!fs.existsSync(path.join(source, file))) {
      throw new ReleaseError(
        `${path.posix.join(pkg.dir, file)} is missing: build the package first (npm run build in ${pkg.dir}/)`,
      );
    }
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const entry of entries) {
    fs.cpSync(path.join(source, entry), path.join(target, entry), { recursive: true });
  }
  const published = publishedManifest(manifest);
  if (fs.existsSync(pkg.changelogPath)) {
    // npm packs a changelog only when `files` names it.
    fs.copyFileSync(pkg.changelogPath, path.join(target, 'CHANGELOG.md'));
    if (published.files && !published.files.includes('CHANGELOG.md'))
      published.files = [...published.files, 'CHANGELOG.md'];
  }
  fs.writeFileSync(path.join(target, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
  return published;
}

function main(argv) {
  const root = path.join(__dirname, '..');
  const [command, key, arg, ...rest] = argv;
  try {
    if (command === 'bump') {
      const dateAt = rest.indexOf('--date');
      const date = dateAt >= 0 ? rest[dateAt + 1] : new Date().toISOString().slice(0, 10);
      const { version, tag } = bump({ root, key, level: arg, date });
      console.log(
        `${PACKAGES[key].name} ${version}\nto release it: git commit -am "Release ${tag}" && git tag ${tag} && git push --follow-tags`,
      );
    } else if (command === 'stage') {
      if (!arg)
        throw new ReleaseError(
          'stage needs a target folder: node scripts/release.js stage <package> <folder>',
        );
      const published = stage({ root, key, target: path.resolve(arg) });
      console.log(`${published.name}@${published.version} staged in ${path.resolve(arg)}`);
    } else {
      throw new ReleaseError(
        'usage: node scripts/release.js bump <n8n|node-red> <major|minor|patch|x.y.z> | stage <n8n|node-red> <folder>',
      );
    }
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error;
    console.error(`release: ${error.message}`);
    process.exitCode = 1;
  }
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { bump, stage, nextVersion, releaseChangelog, publishedManifest, ReleaseError, PACKAGES };
