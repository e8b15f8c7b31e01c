// Completes the build of the n8n community package (npm run build:nodes, after tsc): copies the nodes'
// and credentials' icons and codex files next to their compiled code in dist/, and removes from dist/
// what no longer has a source (a renamed or deleted node), so that npm pack ships only current files.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const assets = /\.(svg|png|json)$/;
const rooms = ['nodes', 'credentials'];

function copyAssets(dir) {
  const from = path.join(root, dir);
  if (!fs.existsSync(from)) return;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) copyAssets(rel);
    else if (assets.test(entry.name) && !entry.name.endsWith('.test.json')) {
      const to = path.join(root, 'dist', rel);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(root, rel), to);
    }
  }
}

/** The source a built file comes from: `x.js` from `x.ts`, an asset from itself. */
function sourceOf(rel) {
  return path.join(root, rel.endsWith('.js') ? rel.replace(/\.js$/, '.ts') : rel);
}

function pruneOrphans(dir) {
  const built = path.join(root, 'dist', dir);
  if (!fs.existsSync(built)) return;
  for (const entry of fs.readdirSync(built, { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      pruneOrphans(rel);
      if (fs.readdirSync(path.join(root, 'dist', rel)).length === 0)
        fs.rmdirSync(path.join(root, 'dist', rel));
    } else if (!fs.existsSync(sourceOf(rel))) {
      fs.rmSync(path.join(root, 'dist', rel));
    }
  }
}

for (const room of rooms) {
  copyAssets(room);
  pruneOrphans(room);
}
