// Will it fit on the agent (#29.4): a registry's .kasm-lint.json and the editor's kasm.agent name the largest agent;
// an entry asking more gets a warning on the value, each limit tested on both sides, through the CLI and the server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cliRun';
import { messageText, startTestClient } from '../helpers/lspClient';

interface Message { code: string; severity: string; line: number; column: number; message: string }

function entry(sizes: Record<string, number>): string {
  return `${JSON.stringify({
    friendly_name: 'Lab', description: 'A lab.', image_src: 'lab.png', categories: ['Development'], architecture: ['amd64'],
    compatibility: [{ version: '1.18.x', image: 'acme/lab:1.18.0', uncompressed_size_mb: 2000 }], ...sizes,
  }, null, 2)}\n`;
}

function registry(config: unknown, sizes: Record<string, number>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-agent-'));
  fs.mkdirSync(path.join(root, 'workspaces', 'Lab'), { recursive: true });
  fs.writeFileSync(path.join(root, 'workspaces', 'Lab', 'workspace.json'), entry(sizes));
  if (config !== undefined) fs.writeFileSync(path.join(root, '.kasm-lint.json'), JSON.stringify(config));
  return root;
}

async function lint(root: string): Promise<{ status: number | null; messages: Message[]; stderr: string }> {
  const result = await runCli(['--format', 'json', '.'], root);
  const messages = result.stdout ? (JSON.parse(result.stdout) as { diagnostics: Message[] }[]).flatMap((r) => r.diagnostics) : [];
  return { status: result.status, messages, stderr: result.stderr };
}

const agentProblems = (messages: Message[]) => messages.filter((m) => m.code === 'agent-too-small');

describe('the largest agent a registry targets (.kasm-lint.json "agent")', () => {
  const agent = { cores: 4, memory: 8192, gpus: 1 };

  it('passes an entry asking exactly what the agent has', async () => {
    const { status, messages } = await lint(registry({ agent }, { cores: 4, memory: 8192, gpu_count: 1, require_gpu: true } as never));
    assert.equal(status, 0);
    assert.deepEqual(agentProblems(messages), []);
  });

  it('warns on each value one step over, at the value, naming both sizes', async () => {
    const { messages } = await lint(registry({ agent }, { cores: 4.5, memory: 8193, gpu_count: 2 }));
    const found = agentProblems(messages).sort((a, b) => a.line - b.line);
    assert.deepEqual(found.map((m) => [m.severity, m.line]), [['warning', 18], ['warning', 19], ['warning', 20]]);
    assert.match(found[0].message, /asks 4\.5 cores; the largest agent it targets has 4 cores/);
    assert.match(found[1].message, /asks 8193 MB of memory; the largest agent it targets has 8192 MB of memory/);
    assert.match(found[2].message, /asks 2 GPUs; the largest agent it targets has 1 GPU \(/);
    assert.match(found[2].message, /"No resources are available"/);
  });

  it('checks only the sizes the config names, and nothing without one', async () => {
    assert.deepEqual(agentProblems((await lint(registry({ agent: { memory: 4096 } }, { cores: 64, memory: 4000 }))).messages), []);
    assert.deepEqual(agentProblems((await lint(registry(undefined, { cores: 64, memory: 100_000, gpu_count: 8 }))).messages), []);
  });

  it('reports memory written in bytes as bytes, not as an agent that is too small', async () => {
    const { messages } = await lint(registry({ agent }, { memory: 8_589_934_592 }));
    assert.deepEqual(agentProblems(messages), []);
    const bytes = messages.find((m) => m.code === 'memory-too-large');
    assert.match(bytes?.message ?? '', /memory looks written in bytes: 8589934592 bytes is 8192 MB/);
  });

  it('refuses an agent that is not one, at its place, and checks with the defaults', async () => {
    const root = registry({ agent: { cores: -1, ram: 8 } }, { cores: 64 });
    const { status, stderr } = await lint(root);
    assert.equal(status, 2);
    assert.match(stderr, /\.kasm-lint\.json:1:19: The agent's "cores" must be a number, 0 or more\./);
    assert.match(stderr, /\.kasm-lint\.json:1:22: Unknown agent size "ram"/);
  });
});

describe('the editor\'s kasm.agent setting', () => {
  it('adds to the registry\'s agent, its sizes winning, through the bundled server', async () => {
    const root = registry({ agent: { cores: 16, memory: 8192 } }, {});
    const client = await startTestClient({ workspaceFolders: [root], settings: { agent: { cores: 2 } } });
    try {
      const { diagnostics } = await client.openChecked(path.join(root, 'workspaces', 'Lab', 'workspace.json'), entry({ cores: 4, memory: 10_000 }));
      const found = diagnostics.filter((d) => d.code === 'agent-too-small').sort((a, b) => a.range.start.line - b.range.start.line);
      assert.deepEqual(found.map((d) => [d.range.start.line, d.severity]), [[17, 2], [18, 2]]);
      assert.match(messageText(found[0]), /asks 4 cores; the largest agent it targets has 2 cores/);
      assert.match(messageText(found[1]), /has 8192 MB of memory/);
    } finally {
      await client.stop();
    }
  });
});
