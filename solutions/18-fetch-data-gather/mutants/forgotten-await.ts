// The mistake: the sleep is started but not awaited, so fetchData resolves at once.
export async function fetchData(delaySeconds: number, log: (line: string) => void): Promise<string> {
  log(`start ${delaySeconds}`);
  new Promise<void>((resolve) => setTimeout(resolve, delaySeconds * 1000)).then(() => log(`done ${delaySeconds}`));
  return `data after ${delaySeconds}s`;
}

export async function main(log: (line: string) => void): Promise<[string, string]> {
  return Promise.all([fetchData(2, log), fetchData(3, log)]);
}
