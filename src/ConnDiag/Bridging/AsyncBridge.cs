using System.Management.Automation;
using System.Threading.Channels;

namespace ConnDiag.Bridging;

/// <summary>
/// Runs an engine stream on the thread pool while the cmdlet feeds it from ProcessRecord and writes its
/// results on the pipeline thread (WriteObject must not be called from other threads). This is the one
/// place where the synchronous cmdlet world meets the async engine.
/// </summary>
internal sealed class AsyncBridge<TIn, TOut> : IDisposable
{
    private readonly Channel<TIn> _input = Channel.CreateUnbounded<TIn>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = true });
    private readonly Channel<TOut> _output = Channel.CreateUnbounded<TOut>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _pump;

    public AsyncBridge(Func<IAsyncEnumerable<TIn>, CancellationToken, IAsyncEnumerable<TOut>> run)
    {
        _pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in run(_input.Reader.ReadAllAsync(_cts.Token), _cts.Token).ConfigureAwait(false))
                {
                    _output.Writer.TryWrite(item);
                }
                _output.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                _output.Writer.TryComplete(ex);
            }
        });
    }

    public int Queued { get; private set; }

    public void Add(TIn item)
    {
        _input.Writer.TryWrite(item);
        Queued++;
    }

    /// <summary>Results that are ready now, without waiting (called from ProcessRecord).</summary>
    public IEnumerable<TOut> Ready()
    {
        while (_output.Reader.TryRead(out var item)) yield return item;
    }

    /// <summary>Every remaining result, waiting for them (called from EndProcessing). Stop aborts the wait.</summary>
    public IEnumerable<TOut> Finish()
    {
        _input.Writer.TryComplete();
        while (true)
        {
            bool more;
            try
            {
                more = _output.Reader.WaitToReadAsync(_cts.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            if (!more) yield break;
            while (_output.Reader.TryRead(out var item)) yield return item;
        }
    }

    /// <summary>Ctrl+C: cancel the engine; in-flight probes abort and close their sockets.</summary>
    public void Stop() => _cts.Cancel();

    public void Dispose()
    {
        _cts.Cancel();
        try { _pump.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _cts.Dispose();
    }
}
