/**
 * The iplus job types: the contract between the process models and the platform's job workers
 * (bpmn/README.md, "Task types"). Each has an element template `iplus.<name>`.
 */
const TASK_TYPES = [
  'iplus:create-signalement',
  'iplus:issue-mandate',
  'iplus:escalate',
  'iplus:report-breach',
  'iplus:old-channel',
  'iplus:apply-rollout-switch',
  'iplus:remind',
  'iplus:report-overdue',
  'iplus:request-report',
  'iplus:end-measure',
  'iplus:revise-measure',
  'iplus:move-domicile',
  'iplus:record-follow-up',
];

/** The element template id of an iplus job type (`iplus:issue-mandate` → `iplus.issue-mandate`). */
function templateIdOf(taskType) {
  return taskType.replace(/^iplus:/, 'iplus.');
}

module.exports = { TASK_TYPES, templateIdOf };
