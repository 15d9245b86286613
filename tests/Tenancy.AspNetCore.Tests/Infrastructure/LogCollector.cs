using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tenancy.AspNetCore.Tests.Infrastructure;

/// <summary>A logger provider that keeps every entry, with the scopes that were open when it was written.</summary>
public sealed class LogCollector : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public IEnumerable<LogEntry> Errors => Entries.Where(e => e.Level >= LogLevel.Error || e.Exception is not null);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception, IReadOnlyList<object?> Scopes);

    private sealed class Logger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<object?>();
            owner._scopes.ForEachScope((scope, list) => list.Add(scope), scopes);
            owner.Entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception, scopes));
        }
    }
}
