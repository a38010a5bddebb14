// What both in-host suites (the extension host in Node, and the web worker) use: nothing but the vscode API.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'kasm-registry-tools.kasm-workspace-registry';
export const folder = () => (vscode.workspace.workspaceFolders ?? [])[0].uri;
export const entry = (name: string) => vscode.Uri.joinPath(folder(), 'workspaces', name, 'workspace.json');

/** New Kasm Workspace…'s answers in both suites: every prompt answered, the placeholder icon. */
export const ROBOTICS_CLUB_ANSWERS = {
  friendlyName: 'Robotics Club', image: 'myschool/robotics:1.0.0', categories: ['Development'], architectures: ['amd64'],
  versions: ['1.19.x'], uncompressedSizeMb: 3100, description: 'ROS and Gazebo for the robotics club.', icon: 'placeholder',
};

export { waitFor } from '../../helpers/waitFor';

export const kasmDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kasm');
export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
