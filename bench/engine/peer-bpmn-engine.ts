/**
 * The peer: the same one-service-task process on `bpmn-engine` (npm), in-process and in memory,
 * with the model parsed and serialized once and a service that answers at once.
 */
import * as fs from 'node:fs';
import { Engine } from 'bpmn-engine';
import BpmnModdle from 'bpmn-moddle';
import * as serializer from 'moddle-context-serializer';
import * as elements from 'bpmn-elements';

type Activity = { type: string; behaviour: { Service?: unknown } };

/** Runs `count` instances, `concurrency` at a time; returns completed instances per second. */
export async function runPeer(bpmnFile: string, count: number, concurrency: number): Promise<number> {
  const moddle = await new BpmnModdle().fromXML(fs.readFileSync(bpmnFile, 'utf8'));
  const serialize = (serializer as unknown as { default: (c: unknown, r: unknown) => unknown }).default;
  const sourceContext = serialize(moddle, serializer.TypeResolver(elements as never));
  const extensions = {
    work(activity: Activity) {
      if (activity.type !== 'bpmn:ServiceTask') return;
      activity.behaviour.Service = function Service() {
        return {
          execute: (_message: unknown, callback: (err: null, output: unknown) => void) =>
            callback(null, { done: true }),
        };
      };
    },
  };
  const runOne = async (i: number) => {
    const engine = new Engine({ name: `peer-${i}`, sourceContext, extensions } as never);
    const ended = engine.waitFor('end');
    await engine.execute({ variables: { a: 1 } } as never);
    await ended;
  };
  await runOne(-1);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await runOne(next++);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}
