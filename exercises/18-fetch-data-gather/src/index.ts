/**
 * Exercise 18 — the guide's example, in Node.
 * Read README.md first. Replace each `throw` with your implementation; keep the signatures.
 */

/**
 * Pretends to fetch data over the network.
 * Logs `start <delaySeconds>` straight away, waits `delaySeconds` seconds without blocking,
 * logs `done <delaySeconds>`, then resolves with `data after <delaySeconds>s`.
 */
export async function fetchData(delaySeconds: number, log: (line: string) => void): Promise<string> {
  throw new Error('TODO: implement fetchData (see README.md)');
}

/**
 * Runs `fetchData(2, log)` and `fetchData(3, log)` concurrently and resolves with both results,
 * in that order, once both are done.
 */
export async function main(log: (line: string) => void): Promise<[string, string]> {
  throw new Error('TODO: implement main (see README.md)');
}
