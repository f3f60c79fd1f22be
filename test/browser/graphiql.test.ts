// GraphiQL in a real headless Chromium: the page opens on the flagship operation with last month in
// its variables, runs it through the UI against the simulator, and loads nothing from another host.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleTabs } from '../../src/http/example-tabs.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { lastFullMonth } from '../helpers/expected.js';
import { startServerOver, startStack, type ServerUnderTest, type Stack } from '../helpers/stack.js';
import { jwksServer, jwtAuth, signingKey, token } from '../helpers/tokens.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

// As root in a sandbox with a closed network: no sandboxing, and none of Chromium's own traffic.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The whole text of a GraphiQL editor, read from CodeMirror itself (its DOM holds only the visible
 * lines). Runs in the page, so it names the few browser types it needs instead of the DOM library.
 */
function editorText(container: string): string {
  const { document } = globalThis as unknown as {
    document: { querySelector(selector: string): { CodeMirror?: { getValue(): string } } | null };
  };
  return document.querySelector(`${container} .CodeMirror`)?.CodeMirror?.getValue() ?? '';
}

/**
 * True once GraphiQL has stored the tab titled `title` as the active one, its editors' contents with
 * it: GraphiQL writes storage a moment after a change, and a reload reads what is there. Runs in the page.
 */
function storedAsActiveTab(title: string): boolean {
  const { localStorage } = globalThis as unknown as { localStorage: { getItem(key: string): string | null } };
  const tabState = localStorage.getItem('graphiql:tabState');
  if (!tabState) return false;
  const { tabs, activeTabIndex } = JSON.parse(tabState) as {
    tabs: Array<{ title: string; query: string; variables: string }>;
    activeTabIndex: number;
  };
  const active = tabs[activeTabIndex];
  return (
    active?.title === title &&
    localStorage.getItem('graphiql:query') === active.query &&
    localStorage.getItem('graphiql:variables') === active.variables
  );
}

describe.skipIf(!hasChromium)(
  `GraphiQL in headless Chromium (${hasChromium ? CHROMIUM : `skipped: no ${CHROMIUM}; install Debian's chromium package`})`,
  () => {
    let stack: Stack;
    let browser: Browser;
    let page: Page;
    const requestedUrls: string[] = [];

    beforeAll(async () => {
      stack = await startStack();
      // launch() takes a user data dir of its own (a fresh, empty one) unless told otherwise.
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
      page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.on('request', (request) => requestedUrls.push(request.url()));
      await page.goto(`${stack.url}/graphql`);
      await page.locator('.graphiql-execute-button').waitFor();
    });
    afterAll(async () => {
      await browser?.close();
      await stack?.close();
    });

    it('opens on the flagship operation with last month as its period, the other operations in tabs', async () => {
      expect(await page.evaluate(editorText, '.graphiql-query-editor')).toContain('query WorkspaceUsageAndAccess(');
      expect(JSON.parse(await page.evaluate(editorText, '.graphiql-editor-tool'))).toEqual({ period: lastFullMonth() });
      const tabTitles = await page.locator('.graphiql-tab-button').allTextContents();
      expect(tabTitles).toEqual(exampleTabs(new Date()).map((tab) => tab.operationName));
    });

    it('runs it from the run button and shows every workspace of the simulator, without errors', async () => {
      await page.locator('.graphiql-execute-button').click();
      // The response editor stays empty under a spinner until the whole response is in.
      await page.waitForFunction(editorText, '.graphiql-response');
      const result = JSON.parse(await page.evaluate(editorText, '.graphiql-response'));
      expect(result.errors).toBeUndefined();
      const ids = result.data.workspaces.nodes.map((workspace: { id: string }) => workspace.id);
      expect(ids.sort()).toEqual(stack.simulator.data.environments.map((environment) => environment.id).sort());
      const usageCounts = result.data.workspaces.nodes.map((workspace: { usage: { totalCount: number } }) => workspace.usage.totalCount);
      expect(usageCounts.some((count: number) => count > 0)).toBe(true);

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: `${ARTIFACTS}graphiql.png` });
    });

    it('comes back after a reload with the tabs as they were left, none added', async () => {
      const tabs = exampleTabs(new Date());
      await page.locator('.graphiql-tab-button', { hasText: /^Users$/ }).click();
      await page.waitForFunction(storedAsActiveTab, 'Users');
      await page.reload();
      await page.locator('.graphiql-execute-button').waitFor();
      expect(await page.locator('.graphiql-tab-button').allTextContents()).toEqual(tabs.map((tab) => tab.operationName));
      expect(await page.locator('.graphiql-tab-active .graphiql-tab-button').textContent()).toBe('Users');
      const usersVariables = tabs.find((tab) => tab.operationName === 'Users')?.variables;
      expect(await page.evaluate(editorText, '.graphiql-editor-tool')).toBe(usersVariables);
    });

    it('loads everything, scripts, styles and data alike, from the server itself', () => {
      const origin = new URL(stack.url).origin;
      expect(requestedUrls.length).toBeGreaterThanOrEqual(5);
      expect(requestedUrls.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    });
  },
);

describe.skipIf(!hasChromium)('GraphiQL in headless Chromium, behind bearer tokens', () => {
  let simulator: Simulator;
  let jwks: Awaited<ReturnType<typeof jwksServer>>;
  let server: ServerUnderTest;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    simulator = await startSimulator();
    const key = await signingKey('key-1');
    jwks = await jwksServer([key]);
    server = await startServerOver(simulator, { config: { auth: jwtAuth(jwks.url) } });
    bearer = await token(key, { scope: 'confluent:inventory:read confluent:directory:read confluent:billing:read' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    page = await browser.newPage();
    await page.goto(`${server.url}/graphql`);
    await page.locator('.graphiql-execute-button').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    jwks?.server.close();
    await simulator?.close();
  });
  let bearer = '';

  /** Puts `text` in the Headers tab's editor, the second of the tool editors. Runs in the page. */
  function setHeaders(text: string): void {
    const { document } = globalThis as unknown as {
      document: { querySelectorAll(selector: string): ArrayLike<{ CodeMirror?: { setValue(value: string): void } }> };
    };
    document.querySelectorAll('.graphiql-editor-tool .CodeMirror')[1]?.CodeMirror?.setValue(text);
  }

  async function run(): Promise<{ data?: unknown; errors?: Array<{ extensions?: { code?: string } }> }> {
    await page.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: { querySelector(selector: string): { CodeMirror?: { setValue(value: string): void } } | null };
      };
      document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.setValue('');
    });
    await page.locator('.graphiql-execute-button').click();
    await page.waitForFunction(editorText, '.graphiql-response');
    return JSON.parse(await page.evaluate(editorText, '.graphiql-response'));
  }

  it('is refused without a token, and runs with one put in its Headers tab', async () => {
    await page.getByRole('button', { name: 'Headers' }).click();
    const refused = await run();
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await page.evaluate(setHeaders, JSON.stringify({ Authorization: `Bearer ${bearer}` }));
    const served = await run();
    expect(served.errors).toBeUndefined();
    expect(served.data).toBeTruthy();
  });
});
