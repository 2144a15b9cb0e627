/** What other modules use from matters: the timeline, the stage loader, the file store and the scope resolvers. */
export { appendMatterEvent, type MatterEventInput } from './matter-events.ts';
export { loadStage, type LoadedStage } from './stage-loader.ts';
export { storeFile, filesOf, purposesOf, loadFile } from '../../../platform/files/files.ts';
