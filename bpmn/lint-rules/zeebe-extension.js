/**
 * Reads Zeebe extension elements whether the moddle knows the zeebe schema (typed elements, as in
 * Camunda Modeler and the tests) or not (generic elements with `$attrs`, as in the bpmnlint CLI).
 */
function extensionElements(element, localName) {
  const values = (element.extensionElements && element.extensionElements.values) || [];
  const wanted = `zeebe:${localName}`.toLowerCase();
  return values.filter((value) => String(value.$type).toLowerCase() === wanted);
}

/** The first zeebe extension element called `localName`, or undefined. */
function extensionElement(element, localName) {
  return extensionElements(element, localName)[0];
}

/** An attribute of an extension element, typed or generic. */
function attribute(extension, name) {
  if (!extension) return undefined;
  if (extension[name] !== undefined) return extension[name];
  return extension.$attrs ? extension.$attrs[name] : undefined;
}

/** An attribute of a BPMN element in the zeebe namespace (e.g. `zeebe:modelerTemplate`). */
function zeebeAttribute(element, name) {
  if (element[name] !== undefined) return element[name];
  const attrs = element.$attrs || {};
  return attrs[`zeebe:${name}`];
}

module.exports = { extensionElements, extensionElement, attribute, zeebeAttribute };
