// The omstil extension: starts `omstil lsp` (the language server built into
// omstil) for a workspace with omstil.yaml, so that mistakes are underlined
// while you type and ids complete, resolve and rename across the report.

import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The report folder: the workspace folder or its content/ with omstil.yaml. */
function reportFolder(): string | undefined {
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    for (const dir of [f.uri.fsPath, path.join(f.uri.fsPath, "content")]) {
      if (fs.existsSync(path.join(dir, "omstil.yaml"))) {
        return dir;
      }
    }
  }
  return undefined;
}

async function start(folder: string): Promise<void> {
  const command = vscode.workspace
    .getConfiguration("omstil")
    .get<string>("path", "omstil");
  const serverOptions: ServerOptions = {
    command,
    args: ["lsp"],
    options: { cwd: folder },
  };
  const pattern = new vscode.RelativePattern(folder, "**/*.{yaml,yml,md,csv}");
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "yaml", pattern: `${folder}/**/*` },
      { scheme: "file", language: "markdown", pattern: `${folder}/**/*` },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher(pattern),
    },
  };
  client = new LanguageClient("omstil", "omstil", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    client = undefined;
    void vscode.window.showErrorMessage(
      `omstil: kunne ikke starte "${command} lsp". Sæt stien til programmet i indstillingen omstil.path. (${String(e)})`,
    );
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const folder = reportFolder();
  if (!folder) {
    return;
  }
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("omstil.path")) {
        await client?.stop();
        await start(folder);
      }
    }),
  );
  await start(folder);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
