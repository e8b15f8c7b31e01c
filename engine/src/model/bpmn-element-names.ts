import type { ElementType } from './process-model';

/** BPMN element names (in the BPMN namespace) and the element type each becomes. */
export const ELEMENT_TYPES: Record<string, ElementType> = {
  startEvent: 'START_EVENT',
  endEvent: 'END_EVENT',
  intermediateCatchEvent: 'INTERMEDIATE_CATCH_EVENT',
  intermediateThrowEvent: 'INTERMEDIATE_THROW_EVENT',
  boundaryEvent: 'BOUNDARY_EVENT',
  serviceTask: 'SERVICE_TASK',
  sendTask: 'SEND_TASK',
  userTask: 'USER_TASK',
  scriptTask: 'SCRIPT_TASK',
  businessRuleTask: 'BUSINESS_RULE_TASK',
  receiveTask: 'RECEIVE_TASK',
  manualTask: 'MANUAL_TASK',
  task: 'TASK',
  subProcess: 'SUB_PROCESS',
  callActivity: 'CALL_ACTIVITY',
  exclusiveGateway: 'EXCLUSIVE_GATEWAY',
  parallelGateway: 'PARALLEL_GATEWAY',
  inclusiveGateway: 'INCLUSIVE_GATEWAY',
  eventBasedGateway: 'EVENT_BASED_GATEWAY',
};

/** Children of a process that carry no behaviour. */
export const IGNORED_CHILDREN = new Set([
  'documentation',
  'extensionElements',
  'incoming',
  'outgoing',
  'laneSet',
  'textAnnotation',
  'association',
  'group',
  'dataObject',
  'dataObjectReference',
  'dataStoreReference',
  'dataInputAssociation',
  'dataOutputAssociation',
  'ioSpecification',
  'property',
  'category',
  // read by readElement for the activity they belong to (here: a subprocess)
  'multiInstanceLoopCharacteristics',
  'standardLoopCharacteristics',
]);
