// Loaded once before every test file: the Reflect polyfill tsyringe and @View need.
import 'reflect-metadata'
