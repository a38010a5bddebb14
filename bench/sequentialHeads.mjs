// The peer of the cold --online run (bench/onlineImages.ts): the simplest script that asks a registry about
// images, one HEAD after another (a token, then the manifest). The bench runs it as a process of its own, as it
// runs the CLI: `node bench/sequentialHeads.mjs HOST COUNT`.
import { pathToFileURL } from 'node:url';

export async function sequentialHeads(host, count) {
  for (let i = 0; i < count; i++) {
    const url = `http://${host}/v2/bench/image-${i}/manifests/1.0`;
    const challenge = await fetch(url, { method: 'HEAD' });
    const realm = /realm="([^"]+)",service="([^"]+)"/.exec(challenge.headers.get('www-authenticate') ?? '');
    const scope = `repository:bench/image-${i}:pull`;
    const token = realm ? (await (await fetch(`${realm[1]}?service=${realm[2]}&scope=${scope}`)).json()).token : '';
    await fetch(url, { method: 'HEAD', headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.oci.image.manifest.v1+json' } });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await sequentialHeads(process.argv[2], Number(process.argv[3]));
}
