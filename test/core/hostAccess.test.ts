// What an entry asks of the agent's host (#29.5), each ask in the words the review hint, the hover and the gallery
// card show, with the path the diagnostic points at; and what is not an ask (#31: each condition on both sides).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostAccess, hostAccessSummary } from '../../server/src/service/kasm/hostAccess';

const asksOf = (entry: unknown) => hostAccess(entry).map(({ label, path }) => `${path.join('.')}: ${label}`);

describe('what an entry asks of the host', () => {
  it('names every kind of ask in run_config, exec_config and volume_mappings, with its path', () => {
    assert.deepEqual(asksOf({
      run_config: {
        privileged: true, network_mode: 'host', pid_mode: 'host', ipc_mode: 'host', volumes: { '/var/run/docker.sock': {} },
        cap_add: ['NET_ADMIN'], security_opt: ['seccomp=unconfined', 'apparmor:unconfined'], user: 'root',
        ports: { '8080/tcp': 8080 }, devices: ['/dev/fuse'],
      },
      exec_config: { first_launch: { privileged: true }, go: { user: 0 } },
      volume_mappings: { '/srv/share': { bind: '/share' } },
    }), [
      'run_config.privileged: privileged (full access to the host)',
      'run_config.network_mode: the host\'s network',
      'run_config.pid_mode: the host\'s processes (pid_mode host)',
      'run_config.ipc_mode: the host\'s shared memory (ipc_mode host)',
      'run_config.volumes: the Docker socket (control of every container on the host)',
      'run_config.cap_add: capabilities NET_ADMIN',
      'run_config.security_opt: no seccomp confinement',
      'run_config.security_opt: no apparmor confinement',
      'run_config.user: running as root',
      'run_config.ports: host ports (8080/tcp)',
      'run_config.devices: host devices',
      'exec_config.first_launch.privileged: the first_launch command privileged',
      'exec_config.go.user: the go command as root',
      'volume_mappings: host paths (/srv/share)',
    ]);
  });

  it('asks nothing of an entry whose settings are Kasm\'s defaults or near misses', () => {
    assert.deepEqual(asksOf({
      run_config: {
        privileged: 'true', network_mode: 'bridge', pid_mode: 'container:x', ipc_mode: 'shareable', volumes: {}, cap_add: [],
        security_opt: ['seccomp=/profile.json', 'no-new-privileges', 'xseccomp=unconfined', 'seccomp=unconfinedx', 'seccomp unconfined'],
        user: 'kasm-user', ports: {}, devices: [],
      },
      exec_config: { first_launch: { privileged: false, user: 'kasm-user' }, go: 'not an object' },
      volume_mappings: {},
    }), []);
    assert.deepEqual(asksOf(undefined), []);
    assert.deepEqual(asksOf({ run_config: 'privileged' }), []);
  });

  it('tells the Docker socket from other mounts, in either volumes form', () => {
    assert.deepEqual(asksOf({ run_config: { volumes: ['/var/run/docker.sock:/var/run/docker.sock'] } }),
      ['run_config.volumes: the Docker socket (control of every container on the host)']);
    assert.deepEqual(asksOf({ run_config: { volumes: ['docker.sock:/x'] } }),
      ['run_config.volumes: the Docker socket (control of every container on the host)']);
    for (const near of ['/var/run/docker.sock.bak', '/var/run/mydocker.sock']) {
      assert.deepEqual(asksOf({ run_config: { volumes: [`${near}:/x`] } }), [`run_config.volumes: host paths (${near})`], near);
    }
    assert.deepEqual(asksOf({ run_config: { volumes: { '/a': {}, '/b': {} } } }), ['run_config.volumes: host paths (/a, /b)']);
  });

  it('takes each way of saying root, and no other user', () => {
    for (const user of ['root', 0, '0', '0:0', 'root:root']) {
      assert.deepEqual(asksOf({ run_config: { user } }), ['run_config.user: running as root'], String(user));
    }
    for (const user of ['1000', 1000, 'root:1000', 'Root', null]) assert.deepEqual(asksOf({ run_config: { user } }), [], String(user));
  });

  it('names five paths, ports or capabilities and counts the rest', () => {
    const six = ['A', 'B', 'C', 'D', 'E', 'F'];
    assert.deepEqual(asksOf({ run_config: { cap_add: six } }), ['run_config.cap_add: capabilities A, B, C, D, E and 1 more']);
    assert.deepEqual(asksOf({ run_config: { cap_add: six.slice(0, 5) } }), ['run_config.cap_add: capabilities A, B, C, D, E']);
  });

  it('reads at most 50 exec_config hooks', () => {
    const hooks = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`hook${i}`, { privileged: true }]));
    const asks = asksOf({ exec_config: hooks });
    assert.equal(asks.length, 50);
    assert.equal(asks.at(-1), 'exec_config.hook49.privileged: the hook49 command privileged');
  });

  it('sums the asks up in one line, or says nothing', () => {
    assert.equal(hostAccessSummary(hostAccess({ run_config: { privileged: true, user: 'root' } })),
      'Asks of the host: privileged (full access to the host); running as root.');
    assert.equal(hostAccessSummary([]), undefined);
  });
});
