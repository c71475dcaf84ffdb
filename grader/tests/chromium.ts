import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which .ci/run installs; nothing downloads a browser at run time. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless, as root, on a machine without a network: without the background-networking flags
 * Chromium keeps trying to reach Google's hosts and starts slowly.
 */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const CHROMIUM_MISSING = `${CHROMIUM} is missing: the HTML report tests need Debian's chromium (apt-get install chromium; .ci/run installs it)`;

/** A browser, or a failure that says what to install: a report nobody opened is not a tested report. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(CHROMIUM_MISSING);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
