/**
 * Progress lines of the n8n end-to-end setup, with the seconds each step took: the setup is long (a
 * cold n8n install, two servers, n8n's CLI), and a CI log must show where the time goes.
 */
export async function step<T>(name: string, run: () => T | Promise<T>): Promise<T> {
  const started = Date.now();
  process.stdout.write(`[n8n e2e] ${name}…\n`);
  try {
    const result = await run();
    process.stdout.write(`[n8n e2e] ${name}: done in ${seconds(started)} s\n`);
    return result;
  } catch (error) {
    process.stdout.write(`[n8n e2e] ${name}: failed after ${seconds(started)} s\n`);
    throw error;
  }
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}
