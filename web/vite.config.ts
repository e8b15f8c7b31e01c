import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// The platform serves web/dist at / and the API under /api on the same origin; `npm run dev -w web`
// proxies to a platform already running on 8080.
export default defineConfig({
  resolve: {
    // the project's bpmnlint rules, bundled into the modeler (issue 18): bpmn/lint-rules/*.js
    alias: { '@iplus/lint-rules': fileURLToPath(new URL('../bpmn/lint-rules', import.meta.url)) },
    // One Preact: form-js's editor pins an older copy of its own, and its components mixed with the
    // viewer's (on the app's copy) lose their hooks' context.
    dedupe: ['preact'],
  },
  build: {
    // they are CommonJS outside node_modules
    commonjsOptions: { include: [/node_modules/, /bpmn\/lint-rules/, /bpmn\/bpmnlint-plugin-iplus/] },
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // The modelers are big by nature; they load only on the pages that use them (separate chunks).
    chunkSizeWarningLimit: 2500,
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: { '/api': 'http://127.0.0.1:8080', '/health': 'http://127.0.0.1:8080' },
  },
});
