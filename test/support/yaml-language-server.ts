// Drive the real yaml-language-server (npm) over LSP stdio, as an editor does: initialize,
// open a document, wait for its diagnostics, ask for completion and hover. Speaks JSON-RPC
// through vscode-jsonrpc; the server runs offline (schema downloads off, file: schemas only).
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node.js";

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
  source?: string;
}

export interface CompletionItem {
  label: string;
  insertText?: string;
}

const require = createRequire(import.meta.url);

// The yaml-language-server entry point in this repository's node_modules.
function languageServerBin(): string {
  return join(
    dirname(require.resolve("yaml-language-server/package.json")),
    "bin",
    "yaml-language-server",
  );
}

export interface YamlLanguageServer {
  /** Open a file (its text read from disk) and resolve to its first diagnostics. */
  open(file: string): Promise<Diagnostic[]>;
  completion(file: string, line: number, character: number): Promise<CompletionItem[]>;
  hover(file: string, line: number, character: number): Promise<string>;
  close(): Promise<void>;
}

const settings = {
  yaml: {
    validate: true,
    hover: true,
    completion: true,
    schemaStore: { enable: false },
    schemaDownload: { enable: false },
  },
};

// Answer the server's requests as an editor does, and hand each file's diagnostics to whoever
// waits for them.
function connect(
  child: ChildProcess,
  waiting: Map<string, (diagnostics: Diagnostic[]) => void>,
): MessageConnection {
  if (!child.stdout || !child.stdin) throw new Error("yaml-language-server has no stdio");
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  connection.onNotification(
    "textDocument/publishDiagnostics",
    (params: { uri: string; diagnostics: Diagnostic[] }) => {
      waiting.get(params.uri)?.(params.diagnostics);
      waiting.delete(params.uri);
    },
  );
  connection.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section === "yaml" ? settings.yaml : null)),
  );
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("window/workDoneProgress/create", () => null);
  connection.onNotification(() => {});
  connection.listen();
  return connection;
}

async function initialize(connection: MessageConnection, rootDir: string): Promise<void> {
  const rootUri = pathToFileURL(rootDir).href;
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: "root" }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        publishDiagnostics: {},
        completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown"] } },
        hover: { contentFormat: ["markdown", "plaintext"] },
      },
    },
  });
  await connection.sendNotification("initialized", {});
  await connection.sendNotification("workspace/didChangeConfiguration", { settings });
}

// Start the server with the settings VS Code's YAML extension sends by default (validation,
// completion, hover on) and schema downloads off, so only file: schemas are read.
export async function startYamlLanguageServer(rootDir: string): Promise<YamlLanguageServer> {
  const child: ChildProcess = spawn(process.execPath, [languageServerBin(), "--stdio"], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const waiting = new Map<string, (diagnostics: Diagnostic[]) => void>();
  const connection = connect(child, waiting);
  await initialize(connection, rootDir);

  const uri = (file: string) => pathToFileURL(file).href;
  return {
    open(file) {
      const documentUri = uri(file);
      const diagnostics = new Promise<Diagnostic[]>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no diagnostics for ${file} in 30 s; server stderr: ${stderr}`)),
          30_000,
        );
        waiting.set(documentUri, (list) => {
          clearTimeout(timer);
          resolve(list);
        });
      });
      void connection.sendNotification("textDocument/didOpen", {
        textDocument: {
          uri: documentUri,
          languageId: "yaml",
          version: 1,
          text: readFileSync(file, "utf8"),
        },
      });
      return diagnostics;
    },
    async completion(file, line, character) {
      const result = (await connection.sendRequest("textDocument/completion", {
        textDocument: { uri: uri(file) },
        position: { line, character },
      })) as { items: CompletionItem[] } | CompletionItem[] | null;
      return Array.isArray(result) ? result : (result?.items ?? []);
    },
    async hover(file, line, character) {
      const result = (await connection.sendRequest("textDocument/hover", {
        textDocument: { uri: uri(file) },
        position: { line, character },
      })) as { contents: { value: string } | string } | null;
      if (!result) return "";
      return typeof result.contents === "string" ? result.contents : result.contents.value;
    },
    async close() {
      try {
        await connection.sendRequest("shutdown");
        await connection.sendNotification("exit");
      } finally {
        connection.dispose();
        child.kill();
      }
    },
  };
}
