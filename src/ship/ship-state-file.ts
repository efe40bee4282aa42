// Where the ship keeps its state: apart from ship-state.ts, so that status can look for it
// without loading the state's validator.
export const SHIP_STATE = '.killdate/ship/state.json';
