import { Testing } from 'cdktf';

// cdktf's matchers: toHaveResource, toHaveResourceWithProperties, toHaveProvider…
Testing.setupJest();
