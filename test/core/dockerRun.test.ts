// docker-py's run() arguments as Kasm passes `run_config` (kasm-format.md §4.3, §10.2, §10.3), read back through the
// diagnostics a user sees (#31): each `docker run` flag's fix, each size argument and docker-py's size grammar at its
// edges, the settings the admin is not asked to review, and where a wrong type fails every session.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { service, spoken, textDocument } from '../helpers/core';

function problems(entry: object, codes: string[]): string[] {
  const doc = textDocument(JSON.stringify(entry));
  return service.validate(doc, { registrySchema: '1.1' }).filter((d) => codes.includes(String(d.code))).map((d) => spoken(doc, d));
}

describe('run_config as docker-py reads it', () => {
  it('points every `docker run` flag to docker-py\'s name for it', () => {
    const flags: Record<string, string> = {
      workdir: 'working_dir', env: 'environment', gpus: 'device_requests', cpus: 'nano_cpus', memory: 'mem_limit', publish: 'ports',
      restart: 'restart_policy', add_host: 'extra_hosts', net: 'network', log_driver: 'log_config', device: 'devices', label: 'labels',
      ulimit: 'ulimits', volume: 'volumes', cap: 'cap_add', sysctl: 'sysctls', dns_option: 'dns_opt',
    };
    for (const [flag, argument] of Object.entries(flags)) {
      const [problem] = problems({ run_config: { [flag]: 1 } }, ['misspelled-key', 'unknown-key']);
      assert.match(problem ?? '', new RegExp(`^misspelled-key/error at "${flag}": .*"${argument}".*\\["${argument}"\\]$`), flag);
    }
  });

  it('reads each size argument with docker-py\'s grammar: digits, an optional fraction, b/k/m/g, an optional b', () => {
    for (const name of ['kernel_memory', 'mem_reservation', 'memswap_limit', 'shm_size']) {
      assert.deepEqual(problems({ run_config: { [name]: '2g' } }, ['run-config-value']), [], name);
      assert.deepEqual(problems({ run_config: { [name]: '2 GB' } }, ['run-config-value']).map((p) => p.split(':')[0]), ['run-config-value/error at "2 GB"'], name);
    }
    for (const size of ['512', '512m', '1.5g', '1.25G', '2gb', '10B', '3k']) {
      assert.deepEqual(problems({ run_config: { shm_size: size } }, ['run-config-value']), [], size);
    }
    for (const size of ['1GiB', 'g', '.5g', '1.g', '1.5.5g', 'x1g', '1gx', '1tb']) {
      assert.equal(problems({ run_config: { shm_size: size } }, ['run-config-value']).length, 1, size);
    }
    assert.deepEqual(problems({ run_config: { cpu_shares: '2 GB' } }, ['run-config-value']), [], 'not a size argument');
  });

  it('does not put entrypoint, hostname, environment or user 1000 before the admin for review; any other argument it does', () => {
    const review = (runConfig: object) => problems({ run_config: runConfig }, ['docker-config-review']);
    assert.deepEqual(review({ entrypoint: ['/x'], hostname: 'kasm', environment: { A: '1' }, user: 1000 }), []);
    for (const name of ['shm_size', 'tty', 'working_dir']) assert.equal(review({ [name]: 'x' }).length, 1, name);
  });

  it('fails every session on a wrong type of environment or volumes; elsewhere it warns, list elements included', () => {
    assert.deepEqual(problems({ run_config: { environment: 'A=1', volumes: 3, hostname: 7, volumes_from: ['a', 2] } }, ['wrong-type']), [
      'wrong-type/error at "A=1": run_config.environment must be an object, not a string.',
      'wrong-type/warning at 7: run_config.hostname must be a string, not a whole number.',
      'wrong-type/error at 3: run_config.volumes must be an object, not a whole number.',
      'wrong-type/warning at 2: run_config.volumes_from[1] must be a string, not a whole number.',
    ]);
  });
});
