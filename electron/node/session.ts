// One window's (or one CLI run's) state: the open project, the recent list, the demo project.
import fs from 'node:fs';
import path from 'node:path';
import type { ProjectSummary, RecentProject } from '../../shared/api';
import type { AnalystProfile } from '../../shared/calls/project';
import { AnalystProfileFile } from './analystProfile';
import { QuaywatchError } from './errors';
import { RecentProjects } from './recentProjects';
import { ProjectStore } from './store/projectStore';
import { defaultProjectsDir } from './paths';
import { DEMO_PROJECT_NAME, demoImageryDir, writeDemoProjectFile } from './demo/demoProject';
import { DemoImageryWriter } from './demo/demoImageryWriter';
import { TempJournal } from './output/tempJournal';
import { projectUsesFolder } from './store/folderInUse';
import { RecentPlaces } from './files/recentPlaces';
import type { FilePicker } from './files/picker';
import type { Scene } from '../../shared/domain';
import { decodeSceneAhead, openingScene, type DecodedScene } from './imagery/scenePreview';

export interface SessionOptions {
  dataDir: string;
  /** The OS user's name: the author until the analyst gives theirs (analyst.json in dataDir). */
  author: string;
  host: 'electron' | 'browser' | 'cli';
  /** The OS's own open/save dialogs (Electron); absent in browser mode, whose page draws its own. */
  picker?: FilePicker;
}

export class ProjectSession {
  readonly dataDir: string;
  private readonly osUser: string;
  private readonly profileFile: AnalystProfileFile;
  private profile: AnalystProfile | null;
  readonly host: SessionOptions['host'];
  readonly projectsDir: string;
  /** Temporaries in flight (outputs being written, zips being unpacked, backups being made), noted in dataDir. */
  readonly temporaries: TempJournal;
  /** Folders last used to import, export, open or save: the file dialog's recent places. */
  readonly places: RecentPlaces;
  readonly picker: FilePicker | null;
  private store: ProjectStore | null = null;
  private readonly recentList: RecentProjects;
  /** Writes the open demo's missing imagery (first start, or after a start killed while writing it). */
  private demoImagery: DemoImageryWriter | null = null;
  private openingAhead: { sceneId: string; decoded: Promise<DecodedScene | null> } | null = null;
  private demoProgress: ((done: number, total: number) => void) | undefined;

  constructor(opts: SessionOptions) {
    this.dataDir = opts.dataDir;
    this.osUser = opts.author;
    this.host = opts.host;
    this.profileFile = new AnalystProfileFile(this.dataDir);
    this.projectsDir = defaultProjectsDir();
    fs.mkdirSync(this.dataDir, { recursive: true });
    // New, Export and Save a copy propose this folder: it must exist before the first save.
    if (this.host !== 'cli') fs.mkdirSync(this.projectsDir, { recursive: true });
    this.recentList = new RecentProjects(this.dataDir);
    this.profile = this.profileFile.read();
    this.places = new RecentPlaces(this.dataDir);
    this.picker = opts.picker ?? null;
    this.temporaries = TempJournal.inDataDir(this.dataDir);
    // What a crashed run left half-written (a 20 GB unpacked order, a half copy) goes now, not never.
    this.temporaries.cleanLeftovers(projectUsesFolder);
  }

  /** Written as the author of every edit, review and package: the analyst's name, else the OS user. */
  get author(): string {
    return this.profile?.name ?? this.osUser;
  }

  get analyst(): AnalystProfile | null {
    return this.profile;
  }

  /** Saves who is working; the open project's next edits carry the new name (earlier ones keep theirs). */
  setAnalyst(profile: AnalystProfile) {
    this.profileFile.write(profile);
    this.profile = this.profileFile.read();
    this.store?.setAuthor(this.author);
  }

  get current(): ProjectStore | null {
    return this.store;
  }

  /** The open project, or a clear error for calls that need one. */
  requireProject(): ProjectStore {
    if (!this.store) throw new QuaywatchError('no_project', 'No project is open. Use File → New or File → Open.');
    return this.store;
  }

  create(file: string, name?: string): ProjectSummary {
    const abs = withExtension(path.resolve(file));
    const projectName = name ?? path.basename(abs, '.quaywatch');
    return this.adopt(ProjectStore.create(abs, projectName, { author: this.author, temporaries: this.temporaries }));
  }

  open(file: string): ProjectSummary {
    const abs = path.resolve(file);
    // Already open here: a second store would be refused by the project's own (one-writer) lock.
    if (this.store?.file === abs) {
      const summary = this.store.summary();
      this.recentList.touch(abs, summary.project.name);
      return summary;
    }
    // Opening validates fully before the current project is closed: a bad file changes nothing.
    return this.adopt(ProjectStore.open(abs, { author: this.author, temporaries: this.temporaries }));
  }

  /** The demo project's file in this data folder. */
  get demoFile(): string {
    return path.join(this.dataDir, 'demo', `${DEMO_PROJECT_NAME}.quaywatch`);
  }

  /**
   * Opens the demo, writing its project file first if there is none. Its imagery is written after it
   * opens, scene by scene (the first scene first): `imageryWritten` tells who needs a scene when it is there.
   */
  async openDemo(onProgress?: (done: number, total: number) => void): Promise<ProjectSummary> {
    return this.openDemoNow(onProgress);
  }

  private openDemoNow(onProgress?: (done: number, total: number) => void): ProjectSummary {
    const file = this.demoFile;
    if (!fs.existsSync(file)) writeDemoProjectFile(file);
    this.demoProgress = onProgress;
    try {
      return this.open(file);
    } finally {
      this.demoProgress = undefined;
    }
  }

  /** Resolves when the open demo's scene has its imagery on disk; null when it is not being written. */
  imageryWritten(sceneId: string): Promise<void> | null {
    return this.demoImagery?.whenWritten(sceneId) ?? null;
  }

  /** Settles when the open demo's imagery is all written (at once when nothing is being written). */
  async demoImageryDone(): Promise<void> {
    await this.demoImagery?.done;
  }

  /**
   * On start: the last project that still exists, else the demo. Synchronous on purpose: the browser
   * host calls it once it listens, and answers no request before it returns (electron/host/main.ts).
   */
  openLastOrDemo(onProgress?: (done: number, total: number) => void): ProjectSummary {
    const last = this.recentList.list().find((r) => r.exists);
    if (last) {
      try {
        return this.open(last.path);
      } catch {
        // A recent project that no longer opens must not keep the app from starting.
      }
    }
    return this.openDemoNow(onProgress);
  }

  recent(): RecentProject[] {
    return this.recentList.list();
  }

  /**
   * The pixels of the scene the app opens on (scenePreview.ts openingScene), decoded as the project
   * opens, while the window is still loading: its preview (scenePreview.ts) is then only resized. Once.
   */
  takeOpeningDecoded(sceneId: string): Promise<DecodedScene | null> | null {
    const ahead = this.openingAhead;
    this.openingAhead = null;
    return ahead?.sceneId === sceneId ? ahead.decoded : null;
  }

  close() {
    this.openingAhead = null;
    this.demoImagery?.stop();
    this.demoImagery = null;
    this.store?.close();
    this.store = null;
  }

  private async decodeAhead(store: ProjectStore, scene: Scene): Promise<DecodedScene | null> {
    try {
      await this.imageryWritten(scene.id); // a demo scene still being written on a first start
      return await decodeSceneAhead(store, scene);
    } catch {
      return null;
    }
  }

  private adopt(store: ProjectStore): ProjectSummary {
    this.demoImagery?.stop();
    this.demoImagery = null;
    this.store?.close();
    this.store = store;
    // However the demo is opened (first start, recent list, File → Open), what a killed run did not write is written now.
    if (store.file === path.resolve(this.demoFile)) this.demoImagery = DemoImageryWriter.start(store, demoImageryDir(store.file), this.demoProgress);
    // A window will ask for the opening scene's preview: decode it now (on libvips' threads). Not for the CLI.
    const opening = this.host === 'cli' ? null : openingScene(store);
    this.openingAhead = opening ? { sceneId: opening.id, decoded: this.decodeAhead(store, opening) } : null;
    const summary = store.summary();
    this.recentList.touch(store.file, summary.project.name);
    return summary;
  }
}

function withExtension(file: string): string {
  return file.endsWith('.quaywatch') ? file : `${file}.quaywatch`;
}
