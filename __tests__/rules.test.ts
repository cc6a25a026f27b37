import { testFolder } from './support/test-folder';

testFolder('rules');
