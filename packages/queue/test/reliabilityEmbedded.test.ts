import { describeReliability } from './reliability/describeReliability'
import { embeddedHarness } from './reliability/harnesses'

describeReliability('embedded', embeddedHarness)
