using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Tenancy.EntityFramework.Query;

/// <summary>The tables and tenant-id columns of a model's tenant-scoped entity types, as the translated SQL names them.</summary>
internal sealed class TenantTables
{
    private static readonly ConditionalWeakTable<IModel, TenantTables> Cache = [];

    private readonly HashSet<(string? Schema, string Table)> _tables = [];
    private readonly HashSet<(string? Schema, string Table, string Column)> _columns = [];

    private TenantTables(IModel model)
    {
        foreach (var entityType in model.GetEntityTypes())
        {
            if (!entityType.IsTenantScoped() || entityType.FindProperty(TenancyModel.TenantIdProperty) is not { } property)
            {
                continue;
            }

            foreach (var mapping in entityType.GetTableMappings())
            {
                var table = mapping.Table;
                _tables.Add((table.Schema, table.Name));
                if (table.FindColumn(property) is { } column)
                {
                    _columns.Add((table.Schema, table.Name, column.Name));
                }
            }
        }
    }

    /// <summary>Whether the model has any tenant-scoped table.</summary>
    public bool Any => _tables.Count > 0;

    public static TenantTables For(IModel model) => Cache.GetValue(model, static m => new TenantTables(m));

    public bool IsTenantTable(string? schema, string table) => _tables.Contains((schema, table));

    public bool IsTenantColumn(string? schema, string table, string column) => _columns.Contains((schema, table, column));
}
