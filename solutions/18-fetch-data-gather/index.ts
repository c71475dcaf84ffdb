import { setTimeout as sleep } from 'node:timers/promises';

export async function fetchData(delaySeconds: number, log: (line: string) => void): Promise<string> {
  log(`start ${delaySeconds}`);
  await sleep(delaySeconds * 1000);
  log(`done ${delaySeconds}`);
  return `data after ${delaySeconds}s`;
}

export async function main(log: (line: string) => void): Promise<[string, string]> {
  // Both calls start before the first await: that is what makes them concurrent.
  return Promise.all([fetchData(2, log), fetchData(3, log)]);
}
