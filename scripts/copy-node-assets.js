// Copies the nodes' and credentials' icons and codex files next to their compiled code in dist/.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const assets = /\.(svg|png|json)$/;

function copy(dir) {
  const from = path.join(root, dir);
  if (!fs.existsSync(from)) return;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) copy(rel);
    else if (assets.test(entry.name) && !entry.name.endsWith('.test.json')) {
      const to = path.join(root, 'dist', rel);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(root, rel), to);
    }
  }
}

copy('nodes');
copy('credentials');
