import type { ElementType } from '../model/process-model';
import type { ElementBehaviour } from './runtime-api';
import { processBehaviour } from './activities/process';
import { eventSubProcess, subProcess } from './activities/container';
import { callActivity } from './activities/call-activity';
import { multiInstanceBody } from './activities/multi-instance';
import { jobTask, passThrough } from './tasks/job-task';
import { scriptTask } from './tasks/script-task';
import { userTask } from './tasks/user-task';
import { businessRuleTask } from './tasks/business-rule-task';
import { startEvent } from './events/start-event';
import { boundaryEvent, catchEvent } from './events/catch-event';
import { endEvent, throwEvent } from './events/throw-event';
import { exclusiveGateway } from './gateways/exclusive-gateway';
import { parallelGateway } from './gateways/parallel-gateway';
import { inclusiveGateway } from './gateways/inclusive-gateway';
import { eventBasedGateway } from './gateways/event-based-gateway';

/** One behaviour per element type, like the spec's chapters. */
export const BEHAVIOURS: Record<ElementType, ElementBehaviour> = {
  PROCESS: processBehaviour,
  START_EVENT: startEvent,
  END_EVENT: endEvent,
  INTERMEDIATE_CATCH_EVENT: catchEvent,
  INTERMEDIATE_THROW_EVENT: throwEvent,
  BOUNDARY_EVENT: boundaryEvent,
  SERVICE_TASK: jobTask,
  SEND_TASK: jobTask,
  USER_TASK: userTask,
  SCRIPT_TASK: scriptTask,
  BUSINESS_RULE_TASK: businessRuleTask,
  RECEIVE_TASK: catchEvent,
  MANUAL_TASK: passThrough,
  TASK: passThrough,
  SUB_PROCESS: subProcess,
  EVENT_SUB_PROCESS: eventSubProcess,
  CALL_ACTIVITY: callActivity,
  MULTI_INSTANCE_BODY: multiInstanceBody,
  EXCLUSIVE_GATEWAY: exclusiveGateway,
  PARALLEL_GATEWAY: parallelGateway,
  INCLUSIVE_GATEWAY: inclusiveGateway,
  EVENT_BASED_GATEWAY: eventBasedGateway,
};
