import { nodeAt } from '../document';
import { CREDENTIAL_KEYS, PROFILE_PATH_PLACEHOLDERS } from '../kasm/imageProperties';
import { RuleContext } from './context';

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** The longest friendly_name Kasm's database takes (§10.8). */
const MAX_NAME_LENGTH = 255;

/**
 * Kasm image settings an entry may carry, as Kasm 1.15's installer takes them (kasm-format.md §10.6–§10.8):
 * combinations it rejects, credentials that get published, and values it replaces.
 */
export function checkImageSettings(ctx: RuleContext): void {
  const profile = nodeAt(ctx.doc, ['persistent_profile_path']);
  if (profile?.type === 'string' && profile.value !== '' && !PROFILE_PATH_PLACEHOLDERS.some((p) => String(profile.value).includes(p))) {
    ctx.reportValue('image-setting-invalid', profile,
      `Kasm's installer rejects a persistent_profile_path without ${PROFILE_PATH_PLACEHOLDERS.join(' or ')}: every user would share one profile. Add e.g. "/profiles/{username}/".`);
  }
  checkRestriction(ctx, 'restrict_to_network', 'restrict_network_names', (node) => node.type === 'array' && (node.children?.length ?? 0) > 0, 'a list of Docker network names');
  checkRestriction(ctx, 'restrict_to_server', 'server_id', (node) => node.type === 'string' && node.value !== '', 'the id of a server');
  checkRestriction(ctx, 'restrict_to_zone', 'zone_id', (node) => node.type === 'string' && node.value !== '', 'the id of a zone');
  const policy = nodeAt(ctx.doc, ['filter_policy_id']);
  if (policy?.type === 'string' && !UUID.test(policy.value as string)) {
    ctx.reportValue('image-setting-invalid', policy, `Kasm's installer rejects filter_policy_id "${policy.value}": it must be the UUID of a web filter policy (or null).`);
  }
  const volumes = nodeAt(ctx.doc, ['volume_mappings']);
  if (volumes && ctx.schema === '1.0') {
    ctx.reportValue('image-setting-invalid', volumes,
      'Kasm 1.15 cannot install volume_mappings from a schema 1.0 entry (the dashboard sends an object, the installer expects text: "Invalid json format"). Remove it and set the mappings in Kasm after installing.');
  }
  for (const key of CREDENTIAL_KEYS) {
    const node = nodeAt(ctx.doc, [key]);
    if (node?.type === 'string' && node.value !== '') {
      ctx.reportValue('credentials-published', node, `A registry is public: "${key}" gives every reader your registry login. Remove it and use a public image, or enter the login in Kasm after installing.`);
    }
  }
  const imageType = nodeAt(ctx.doc, ['image_type']);
  if (imageType?.type === 'string' && imageType.value !== 'Container') {
    ctx.reportValue('installer-override', imageType, `Kasm's installer sets image_type to "Container" whatever the entry says; "${imageType.value}" has no effect.`);
  }
  const enabled = nodeAt(ctx.doc, ['enabled']);
  if (enabled?.value === false) ctx.reportValue('installer-override', enabled, 'Kasm\'s installer enables the workspace whatever the entry says; false has no effect.');
  const name = nodeAt(ctx.doc, ['friendly_name']);
  if (name?.type === 'string' && String(name.value).length > MAX_NAME_LENGTH) {
    ctx.reportValue('name-too-long', name, `friendly_name has ${String(name.value).length} characters; Kasm stores at most ${MAX_NAME_LENGTH}, so the install fails. Shorten it.`);
  }
}

/** `flag: true` needs its target (§10.6): the installer fails without it. */
function checkRestriction(
  ctx: RuleContext, flag: string, target: string, valid: (node: NonNullable<ReturnType<typeof nodeAt>>) => boolean, what: string,
): void {
  const flagNode = nodeAt(ctx.doc, [flag]);
  if (flagNode?.value !== true) return;
  const targetNode = nodeAt(ctx.doc, [target]);
  if (targetNode && valid(targetNode)) return;
  ctx.reportValue('image-setting-invalid', targetNode ?? flagNode, `${flag} is true, so Kasm's installer needs ${target} to be ${what}; the install fails without it.`);
}
