import { CORPUS } from "../tests/cli/corpusExpectations";
console.log(JSON.stringify(CORPUS));
