const { buildApi } = require('./run');
buildApi();
