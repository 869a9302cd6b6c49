/**
 * spikestream: spiking neural networks as reactive streams.
 *
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { clock, network, lif, expCurrent, fixedProb, input, uniform, build, recordSpikes } from 'spikestream';
 *
 * const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
 *   network({ seed: 42 }),
 *   lif('E', { size: 800, tau: 15, threshold: 15, reset: 0, v0: uniform(0, 15) }),
 *   expCurrent('E2E', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), tau: 6, g: 0.1 }),
 *   input('E', 16),
 * );
 * const record = await lastValueFrom(build(net$).pipe(recordSpikes()));
 * ```
 * @packageDocumentation
 */

// model: specs as data
export * from './model/brands.js';
export { strict } from './model/strict.js';
export { byKind } from './model/byKind.js';
export * from './model/groupSpec.js';
export { namedValues, type NamedValues } from './model/namedValues.js';
export { neuronModel, badName, METHODS, BUILTIN_NAMES, type Method, type NeuronModel, type NeuronModelSource, type ModelIssue, type Assignment } from './model/expr/neuronModel.js';
export { parseExpression } from './model/expr/parseExpression.js';
export type { LinearParts } from './model/expr/linearIn.js';
export { ExprError, FUNCTIONS, type Expr, type FunctionName, type At, type ArithmeticOp, type ComparisonOp, type LogicalOp } from './model/expr/expr.js';
export * from './model/projectionSpec.js';
export { pairStdp, tripletStdp, tsodyksMarkram, modulatedStdp, eligibilityStdp, type PairStdpParams, type TripletStdpParams, type TsodyksMarkramParams, type EligibilityStdpParams } from './model/plasticityRules.js';
export { synapseModel, SYNAPSE_NAMES, type SynapseModel, type SynapseModelSource, type RuleStatement, type RuleIssue, type Traces } from './model/expr/synapseModel.js';
export * from './model/inputSpec.js';
export * from './model/probeSpec.js';
export * from './model/networkSpec.js';
export * from './model/runSpec.js';
export * from './model/simulationSpec.js';
export { timeStepIssues } from './model/timeStepIssues.js';
export { MAX_STEPS, stepsIssue } from './model/maxSteps.js';
export type { SpecIssue } from './model/specIssue.js';
export { issuesFromErrors, formatIssues } from './model/formatIssues.js';
export { SpecError } from './model/specError.js';

// errors of a run (the kernel's building blocks are in spikestream/kernel)
export { SimulationError } from './kernel/simulationError.js';

// stream: clock, network operators, monitors
export type { Tick, Frame, SpikeBlock, SampleBlock, WeightBlock } from './stream/frame.js';
export type { InputValue } from './stream/inputValue.js';
export { clock, Clock, type ClockOptions, type ClockControl } from './stream/clock.js';
export { canPacePrecisely, type Pacing } from './stream/pacer.js';
export { network, build, asNetwork, Network, type NetworkOptions } from './stream/network.js';
export { Simulation, type SimulationOptions } from './stream/simulation.js';
export { fromSpec, resolveSpec, type FromSpecOptions } from './stream/fromSpec.js';
export { lif, type LifParams } from './stream/lif.js';
export { neuron, type NeuronParams } from './stream/neuron.js';
export { poissonGroup, type PoissonGroupParams } from './stream/poissonGroup.js';
export { izhikevich, type IzhikevichParams } from './stream/izhikevich.js';
export { adex, type AdexParams } from './stream/adex.js';
export { hh, type HhParams } from './stream/hh.js';
export { uniform } from './stream/uniform.js';
export { normal } from './stream/normal.js';
export { lognormal } from './stream/lognormal.js';
export { perNeuron } from './stream/perNeuron.js';
export { addProjection, type ProjectionParams } from './stream/addProjection.js';
export { expCurrent, type ExpCurrentParams } from './stream/expCurrent.js';
export { expConductance, type ExpConductanceParams } from './stream/expConductance.js';
export { delta, type DeltaParams } from './stream/delta.js';
export { dualExpCurrent, type DualExpCurrentParams } from './stream/dualExpCurrent.js';
export { postsynaptic, type PostsynapticParams } from './stream/postsynaptic.js';
export { fixedProb } from './stream/fixedProb.js';
export { distanceProb } from './stream/distanceProb.js';
export { gridPositions, randomPositions, positionsAt, type Placed } from './stream/positions.js';
export * from './model/positionsSpec.js';
export { allToAll, oneToOne, fixedInDegree, fixedOutDegree, fixedTotal, pairs, type SelfOption } from './stream/connectivity.js';
export { input, type InputOptions } from './stream/input.js';
export { spikeInput } from './stream/spikeInput.js';
export { rateInput } from './stream/rateInput.js';
export { modulatorInput } from './stream/modulatorInput.js';
export { replayInputs, type SessionRecording } from './stream/replayInputs.js';
export { timedInput, type TimedInputParams } from './stream/timedInput.js';
export { spikeTimes, type SpikeTimesParams } from './stream/spikeTimes.js';
export { parameterInput } from './stream/parameterInput.js';
export { poissonInput, type PoissonInputParams } from './stream/poissonInput.js';
export { sampleState, type SampleStateParams } from './stream/sampleState.js';
export { recordSpikes, type SpikeRecord, type SpikeTrain } from './stream/recordSpikes.js';
export { recordSamples, type SampleRecord } from './stream/recordSamples.js';
export { sampleWeights, type SampleWeightsParams } from './stream/sampleWeights.js';
export { recordWeights, type WeightRecord } from './stream/recordWeights.js';
export { populationRate, type RateSample, type PopulationRateOptions } from './stream/populationRate.js';
export { spikeEvents, type SpikeEvent } from './stream/spikeEvents.js';
export { progress, type Progress } from './stream/progress.js';
export { lag } from './stream/lag.js';

// io: spike data out
export { spikesToCsv } from './io/spikesCsv.js';
export { encodeSpikes, decodeSpikes } from './io/spikesBinary.js';
export { toPyNN, type PyNNOptions, type PyNNExport, type PyNNFile } from './io/pynn/toPyNN.js';

// viz
export { rasterSvg, type RasterOptions } from './viz/rasterSvg.js';
export { linePlotSvg, type LineSeries, type LinePlotOptions } from './viz/linePlotSvg.js';
export { populationRateSvg, binnedRate, type PopulationRateSvgOptions } from './viz/populationRateSvg.js';
export { tracesSvg, type TracesSvgOptions } from './viz/tracesSvg.js';
export { rateHistogramSvg, neuronRates, type RateHistogramOptions } from './viz/rateHistogramSvg.js';
export { rateMapSvg, windowRates, type RateMapOptions } from './viz/rateMapSvg.js';
export { sheetOf, type Sheet } from './kernel/synapses/positions.js';
export { weightDistributionSvg, type WeightDistributionOptions } from './viz/weightDistributionSvg.js';
