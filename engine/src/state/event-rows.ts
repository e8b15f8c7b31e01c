import { prepare, type Db } from './database';

export interface TimerRow {
  key: number;
  state: string;
  due_date: number;
  repetitions: number;
  interval: string | null;
  element_id: string;
  process_definition_key: number;
  process_instance_key: number | null;
  element_instance_key: number | null;
}

export interface MessageSubscriptionRow {
  key: number;
  state: string;
  message_name: string;
  correlation_key: string;
  process_instance_key: number;
  element_instance_key: number;
  element_id: string;
  bpmn_process_id: string;
  process_definition_key: number;
  interrupting: number;
  creation_time: number;
}

export interface SignalSubscriptionRow {
  key: number;
  signal_name: string;
  process_instance_key: number;
  element_instance_key: number;
  element_id: string;
}

export interface StartSubscriptionRow {
  process_definition_key: number;
  element_id: string;
  kind: string;
  name: string;
  bpmn_process_id: string;
}

export interface MessageRow {
  key: number;
  name: string;
  correlation_key: string;
  message_id: string;
  variables: string;
  deadline: number;
  publish_time: number;
}

/** Prepared statements for what waits for an event: timers, subscriptions and buffered messages. */
export class EventRows {
  readonly insertTimer;
  readonly updateTimer;
  readonly deleteTimer;
  readonly selectTimer;
  readonly selectDueTimers;
  readonly nextTimerDue;
  readonly selectStartTimers;
  readonly insertSubscription;
  readonly closeSubscription;
  readonly selectSubscription;
  readonly selectOpenSubscriptions;
  readonly insertSignalSubscription;
  readonly deleteSignalSubscription;
  readonly selectSignalSubscriptions;
  readonly insertStartSubscription;
  readonly deleteStartSubscriptions;
  readonly selectStartSubscriptions;
  readonly selectStartSubscriptionsOf;
  readonly selectMessageStartsOfProcess;
  readonly insertMessage;
  readonly selectMessageById;
  readonly selectBufferedMessages;
  readonly deleteExpiredMessages;
  readonly deleteExpiredCorrelations;
  readonly nextMessageDeadline;
  readonly insertCorrelation;
  readonly selectCorrelation;
  readonly insertStartLock;
  readonly selectStartLock;
  readonly selectStartLocksOf;
  readonly deleteStartLocks;

  constructor(db: Db) {
    this.insertTimer = prepare<
      [number, string, number, number, string | null, string, number, number | null, number | null]
    >(
      db,
      `INSERT INTO timer (key, state, due_date, repetitions, interval, element_id, process_definition_key,
         process_instance_key, element_instance_key) VALUES (?,?,?,?,?,?,?,?,?)`,
    );
    this.updateTimer = prepare<[number, number, number]>(
      db,
      'UPDATE timer SET due_date = ?, repetitions = ? WHERE key = ?',
    );
    this.deleteTimer = prepare<[number]>(db, 'DELETE FROM timer WHERE key = ?');
    this.selectTimer = prepare<[number], TimerRow>(db, 'SELECT * FROM timer WHERE key = ?');
    this.selectDueTimers = prepare<[number, number], TimerRow>(
      db,
      "SELECT * FROM timer WHERE state = 'CREATED' AND due_date <= ? ORDER BY due_date LIMIT ?",
    );
    this.nextTimerDue = prepare<[], { due: number | null }>(
      db,
      "SELECT MIN(due_date) AS due FROM timer WHERE state = 'CREATED'",
    );
    this.selectStartTimers = prepare<[number], TimerRow>(
      db,
      "SELECT * FROM timer WHERE process_definition_key = ? AND state = 'CREATED' AND process_instance_key IS NULL",
    );
    this.insertSubscription = prepare<
      [number, string, string, number, number, string, string, number, number, number]
    >(
      db,
      `INSERT INTO message_subscription (key, state, message_name, correlation_key, process_instance_key,
         element_instance_key, element_id, bpmn_process_id, process_definition_key, interrupting, creation_time)
         VALUES (?, 'CREATED', ?,?,?,?,?,?,?,?,?)`,
    );
    this.closeSubscription = prepare<[string, number]>(
      db,
      'UPDATE message_subscription SET state = ? WHERE key = ?',
    );
    this.selectSubscription = prepare<[number], MessageSubscriptionRow>(
      db,
      'SELECT * FROM message_subscription WHERE key = ?',
    );
    this.selectOpenSubscriptions = prepare<[string, string], MessageSubscriptionRow>(
      db,
      `SELECT * FROM message_subscription WHERE message_name = ? AND correlation_key = ? AND state = 'CREATED' ORDER BY key`,
    );
    this.insertSignalSubscription = prepare<[number, string, number, number, string]>(
      db,
      'INSERT INTO signal_subscription (key, signal_name, process_instance_key, element_instance_key, element_id) VALUES (?,?,?,?,?)',
    );
    this.deleteSignalSubscription = prepare<[number]>(db, 'DELETE FROM signal_subscription WHERE key = ?');
    this.selectSignalSubscriptions = prepare<[string], SignalSubscriptionRow>(
      db,
      'SELECT * FROM signal_subscription WHERE signal_name = ? ORDER BY key',
    );
    this.insertStartSubscription = prepare<[number, string, string, string, string]>(
      db,
      'INSERT OR REPLACE INTO start_subscription (process_definition_key, element_id, kind, name, bpmn_process_id) VALUES (?,?,?,?,?)',
    );
    this.deleteStartSubscriptions = prepare<[string]>(
      db,
      'DELETE FROM start_subscription WHERE bpmn_process_id = ?',
    );
    this.selectStartSubscriptions = prepare<[string, string], StartSubscriptionRow>(
      db,
      'SELECT * FROM start_subscription WHERE kind = ? AND name = ? ORDER BY process_definition_key',
    );
    this.selectStartSubscriptionsOf = prepare<[number], StartSubscriptionRow>(
      db,
      'SELECT * FROM start_subscription WHERE process_definition_key = ?',
    );
    this.selectMessageStartsOfProcess = prepare<[string], StartSubscriptionRow>(
      db,
      "SELECT * FROM start_subscription WHERE bpmn_process_id = ? AND kind = 'message'",
    );
    this.insertMessage = prepare<[number, string, string, string, string, number, number]>(
      db,
      `INSERT INTO message (key, name, correlation_key, message_id, variables, deadline, publish_time) VALUES (?,?,?,?,?,?,?)`,
    );
    this.selectMessageById = prepare<[string, string, string, number], { key: number }>(
      db,
      'SELECT key FROM message WHERE name = ? AND correlation_key = ? AND message_id = ? AND deadline > ? LIMIT 1',
    );
    this.selectBufferedMessages = prepare<[string, string, number], MessageRow>(
      db,
      'SELECT * FROM message WHERE name = ? AND correlation_key = ? AND deadline > ? ORDER BY key',
    );
    this.deleteExpiredMessages = prepare<[number]>(db, 'DELETE FROM message WHERE deadline <= ?');
    this.deleteExpiredCorrelations = prepare(
      db,
      'DELETE FROM message_correlation WHERE message_key NOT IN (SELECT key FROM message)',
    );
    this.nextMessageDeadline = prepare<[], { due: number | null }>(
      db,
      'SELECT MIN(deadline) AS due FROM message',
    );
    this.insertCorrelation = prepare<[number, string, number]>(
      db,
      'INSERT OR IGNORE INTO message_correlation (message_key, bpmn_process_id, process_instance_key) VALUES (?,?,?)',
    );
    this.selectCorrelation = prepare<[number, string], { process_instance_key: number }>(
      db,
      'SELECT process_instance_key FROM message_correlation WHERE message_key = ? AND bpmn_process_id = ?',
    );
    this.insertStartLock = prepare<[string, string, number]>(
      db,
      'INSERT OR REPLACE INTO message_start_lock (bpmn_process_id, correlation_key, process_instance_key) VALUES (?,?,?)',
    );
    this.selectStartLock = prepare<[string, string], { process_instance_key: number }>(
      db,
      'SELECT process_instance_key FROM message_start_lock WHERE bpmn_process_id = ? AND correlation_key = ?',
    );
    this.selectStartLocksOf = prepare<[number], { bpmn_process_id: string; correlation_key: string }>(
      db,
      'SELECT bpmn_process_id, correlation_key FROM message_start_lock WHERE process_instance_key = ?',
    );
    this.deleteStartLocks = prepare<[number]>(
      db,
      'DELETE FROM message_start_lock WHERE process_instance_key = ?',
    );
  }
}
