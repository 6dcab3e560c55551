// Loaded once before every test file: the Reflect polyfill tsyringe and @View need.
import 'reflect-metadata'

// Applications the tests bootstrap log nothing unless a test asks (bootstrap's default is a line a request).
process.env.LOG_LEVEL ??= 'silent'
