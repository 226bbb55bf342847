export * from './services/index'
