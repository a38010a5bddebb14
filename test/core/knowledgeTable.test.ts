// Every list of the Kasm knowledge (server/src/service/kasm) read back through what a user sees: completion offers
// exactly these values, each alias is fixed to its value, each key's hover explains it. The tables are written out
// here on purpose: a value dropped from the knowledge (a category, an alias, a version) must fail a test (#31).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RegistrySchemaSetting } from '../../server/src/service/schemaVersion';
import { marked, service, textDocument } from '../helpers/core';

function offered(text: string, registrySchema: RegistrySchemaSetting = '1.1') {
  const { doc, cursor } = marked(text);
  return service.complete(doc, doc.positionAt(cursor), { registrySchema }).items;
}
const labels = (text: string, schema?: RegistrySchemaSetting) => offered(text, schema).map((item) => item.label);
const documentation = (item: { documentation?: string | { value: string } }) =>
  typeof item.documentation === 'object' ? item.documentation.value : item.documentation ?? '';

function hoverText(text: string, registrySchema: RegistrySchemaSetting): string {
  const { doc, cursor } = marked(text);
  const contents = service.hover(doc, doc.positionAt(cursor), { registrySchema })?.contents;
  return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

const KEYS_1_1 = [
  'friendly_name', 'description', 'image_src', 'architecture', 'compatibility', 'categories', 'docker_registry', 'run_config',
  'exec_config', 'notes', 'cores', 'memory', 'gpu_count', 'cpu_allocation_method', 'require_gpu', 'enabled', 'image_type',
  'launch_config', 'docker_user', 'docker_token', 'docker_password', 'persistent_profile_path', 'restrict_to_network',
  'restrict_network_names', 'restrict_to_server', 'server_id', 'restrict_to_zone', 'zone_id', 'filter_policy_id',
  'session_time_limit', 'hidden', 'allow_network_selection', 'override_egress_gateways', 'gpu_graphics_acceleration',
  'gpu_video_encoding', 'volume_mappings',
];
const ONLY_1_0 = ['name', 'uncompressed_size_mb'];

const RUN_CONFIG_KEYS = [
  'auto_remove', 'blkio_weight', 'blkio_weight_device', 'cap_add', 'cap_drop', 'cgroup_parent', 'cgroupns', 'command', 'cpu_count',
  'cpu_percent', 'cpu_period', 'cpu_quota', 'cpu_rt_period', 'cpu_rt_runtime', 'cpu_shares', 'cpuset_cpus', 'cpuset_mems', 'detach',
  'device_cgroup_rules', 'device_read_bps', 'device_read_iops', 'device_requests', 'device_write_bps', 'device_write_iops', 'devices',
  'dns', 'dns_opt', 'dns_search', 'domainname', 'entrypoint', 'environment', 'extra_hosts', 'group_add', 'healthcheck', 'hostname',
  'image', 'init', 'init_path', 'ipc_mode', 'isolation', 'kernel_memory', 'labels', 'links', 'log_config', 'lxc_conf', 'mac_address',
  'mem_limit', 'mem_reservation', 'mem_swappiness', 'memswap_limit', 'mounts', 'name', 'nano_cpus', 'network', 'network_disabled',
  'network_driver_opt', 'network_mode', 'oom_kill_disable', 'oom_score_adj', 'pid_mode', 'pids_limit', 'platform', 'ports',
  'privileged', 'publish_all_ports', 'read_only', 'remove', 'restart_policy', 'runtime', 'security_opt', 'shm_size', 'stderr',
  'stdin_open', 'stdout', 'stop_signal', 'storage_opt', 'stream', 'sysctls', 'tmpfs', 'tty', 'ulimits', 'use_config_proxy', 'user',
  'userns_mode', 'uts_mode', 'version', 'volume_driver', 'volumes', 'volumes_from', 'working_dir',
];

describe('the Kasm knowledge, value by value', () => {
  it('offers exactly the top-level keys of each schema, in the documented order', () => {
    assert.deepEqual(labels('{ | }', '1.1'), KEYS_1_1);
    assert.deepEqual(labels('{ | }', '1.0'), [...KEYS_1_1.slice(0, 5), ...ONLY_1_0, ...KEYS_1_1.slice(5)]);
  });

  it('explains every key on hover in words of its own, and says which schema has it', () => {
    for (const schema of ['1.1', '1.0'] as const) {
      const keys = schema === '1.1' ? KEYS_1_1 : [...KEYS_1_1, ...ONLY_1_0];
      const explanations = new Map<string, string>();
      for (const key of keys) {
        const value = hoverText(`{ "${key}|": null }`, schema);
        assert.ok(value.startsWith(`**${key.replace(/_/g, '\\_')}**`), `hover on ${key} (${schema}) names it: ${value.slice(0, 40)}`);
        assert.match(value, schema === '1.0' && ONLY_1_0.includes(key) ? /Registry schema 1\.0;/ : /Registry schema 1\.0 and 1\.1/, key);
        // The first paragraph after the heading is the key's own description.
        const explanation = value.split('\n\n')[1] ?? '';
        assert.ok(explanation.split(/\s+/).length >= 4, `hover on ${key} (${schema}) explains it: ${JSON.stringify(value)}`);
        assert.ok(![...explanations.values()].includes(explanation), `hover on ${key} (${schema}) is not another key's`);
        explanations.set(key, explanation);
      }
    }
  });

  it('offers the 14 known categories, the template\'s presets first, each saying where it comes from', () => {
    const items = offered('{ "categories": [|] }');
    const presets = ['Browser', 'Communication', 'Desktop', 'Development', 'Games', 'Multimedia', 'Office', 'Privacy', 'Productivity', 'Remote Access'];
    assert.deepEqual(items.map((item) => item.label), [...presets, 'Chat', 'Mobile', 'OSINT', 'Security']);
    for (const item of items) {
      assert.match(documentation(item), presets.includes(item.label) ? /registry template's workspace builder/ : /Kasm's own registry/);
    }
  });

  it('calls no known category a misspelling, and names the category an alias means', () => {
    for (const category of labels('{ "categories": [|] }')) {
      const codes = service.validate(textDocument(JSON.stringify({ categories: [category] }))).map((d) => d.code);
      assert.ok(!codes.includes('category-near-miss'), `${category} is known`);
    }
    for (const alias of ['Developer', 'Developers']) {
      const near = service.validate(textDocument(JSON.stringify({ categories: [alias] }))).find((d) => d.code === 'category-near-miss');
      assert.match(near?.message ?? '', new RegExp(`"${alias}" looks like a misspelling of the category "Development"`));
    }
  });

  it('offers amd64 and arm64, and turns each name Docker or an author uses into Kasm\'s', () => {
    assert.deepEqual(labels('{ "architecture": [|] }'), ['amd64', 'arm64']);
    const ALIASES: Record<string, string> = {
      x86: 'amd64', x86_64: 'amd64', 'x86-64': 'amd64', x64: 'amd64', amd: 'amd64', intel: 'amd64',
      aarch64: 'arm64', arm: 'arm64', armv8: 'arm64', arm64v8: 'arm64',
    };
    for (const [alias, value] of Object.entries(ALIASES)) {
      const found = service.validate(textDocument(JSON.stringify({ architecture: [alias] }))).find((d) => d.code === 'unknown-value');
      assert.equal(found?.message, `"${alias}" is not a valid architecture: Kasm calls it "${value}".`);
      assert.deepEqual((found?.data as { suggestions?: unknown[] }).suggestions, [value]);
    }
    for (const known of ['amd64', 'arm64']) {
      assert.ok(!service.validate(textDocument(JSON.stringify({ architecture: [known] }))).some((d) => d.code === 'unknown-value'));
    }
  });

  it('offers each closed value with its meaning, accepts each, and refuses another case', () => {
    const TABLE: [string, string[]][] = [
      ['cpu_allocation_method', ['Inherit', 'Quotas', 'Shares']],
      ['image_type', ['Container', 'Server', 'Server Pool', 'Link']],
      ['docker_registry', ['https://index.docker.io/v1/', 'https://ghcr.io/', 'https://kcr.kasmweb.com/v1/']],
    ];
    for (const [key, values] of TABLE) {
      const items = offered(`{ "${key}": | }`);
      assert.deepEqual(items.map((item) => item.label), values, key);
      for (const item of items) assert.ok(documentation(item).split(/\s+/).length >= 3, `${key} ${item.label} is explained`);
      for (const value of values) {
        const codes = service.validate(textDocument(JSON.stringify({ [key]: value }))).map((d) => d.code);
        assert.ok(!codes.includes('unknown-value'), `${key} ${value} is accepted`);
      }
    }
    const lower = service.validate(textDocument('{ "cpu_allocation_method": "shares" }')).find((d) => d.code === 'unknown-value');
    assert.deepEqual((lower?.data as { suggestions?: unknown[] }).suggestions, ['Shares']);
  });

  it('offers the three exec hooks Kasm runs by itself, and wants a cmd in each', () => {
    assert.deepEqual(labels('{ "exec_config": { | } }'), ['first_launch', 'go', 'assign']);
    for (const hook of ['first_launch', 'go', 'assign']) {
      const codes = service.validate(textDocument(JSON.stringify({ exec_config: { [hook]: {} } }))).map((d) => d.code);
      assert.ok(codes.includes('missing-required') && !codes.includes('exec-hook-unknown'), hook);
    }
  });

  it('offers every docker-py run keyword in run_config, and the two launch_config parts', () => {
    assert.deepEqual(labels('{ "run_config": { | } }'), RUN_CONFIG_KEYS);
    assert.deepEqual(labels('{ "launch_config": { | } }'), ['file_mapping', 'launch_form']);
  });

  it('offers the Kasm versions of each schema, newest first, series before releases', () => {
    assert.deepEqual(labels('{ "compatibility": [|] }', '1.0'), ['1.15.x', '1.14.x', '1.13.x']);
    assert.deepEqual(labels('{ "compatibility": [{ "version": | }] }', '1.1'),
      ['1.19.x', '1.18.x', '1.17.x', '1.16.x', '1.19.0', '1.18.1', '1.18.0', '1.17.0', '1.16.1', '1.16.0']);
  });
});
