// Lints BPMN files with Camunda's compatibility rules for Camunda 8.4 (plugin camunda-compat,
// what Camunda Modeler checks before a deployment) and prints the reports per file. A separate
// process because the plugin loads ES modules, which jest's module system cannot: run by models.test.ts.
const { readFileSync } = require('node:fs');
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const BpmnModdle = require('bpmn-moddle');
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json');
const modeler = require('modeler-moddle/resources/modeler.json');

(async () => {
  const results = {};
  for (const file of process.argv.slice(2)) {
    const { rootElement } = await new BpmnModdle({ zeebe, modeler }).fromXML(readFileSync(file, 'utf8'));
    const linter = new Linter({
      config: { extends: ['plugin:camunda-compat/camunda-cloud-8-4'] },
      resolver: new NodeResolver(),
    });
    results[file] = await linter.lint(rootElement);
  }
  process.stdout.write(JSON.stringify(results));
})().catch((error) => {
  process.stderr.write(String(error && error.stack));
  process.exit(1);
});
