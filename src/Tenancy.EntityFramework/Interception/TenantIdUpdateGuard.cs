using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tenancy.EntityFramework.Interception;

/// <summary>
/// Refuses an <c>ExecuteUpdate</c> that sets the tenant id of a tenant-scoped entity (which would move rows to another
/// tenant). Checked when the query is compiled, so cached queries cost nothing; a refused query is never cached.
/// </summary>
internal sealed class TenantIdUpdateGuard : IQueryExpressionInterceptor
{
    public static TenantIdUpdateGuard Instance { get; } = new();

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        if (eventData.Context is TenantDbContext context)
        {
            new Finder(context).Visit(queryExpression);
        }

        return queryExpression;
    }

    private sealed class Finder(TenantDbContext context) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.Name.StartsWith("ExecuteUpdate", StringComparison.Ordinal) && node.Arguments.Count > 1)
            {
                foreach (var argument in node.Arguments.Skip(1))
                {
                    CheckSetters(argument);
                }
            }

            return base.VisitMethodCall(node);
        }

        private void CheckSetters(Expression setters)
        {
            switch (setters)
            {
                case NewArrayExpression array:
                    foreach (var item in array.Expressions)
                    {
                        CheckSetters(item);
                    }

                    break;
                case NewExpression { Arguments.Count: >= 2 } pair:
                    CheckProperty(pair.Arguments[0]);
                    break;
                case MethodCallExpression { Arguments.Count: >= 2 } call when call.Method.Name == "SetProperty":
                    CheckSetters(call.Object ?? call.Arguments[0]);
                    CheckProperty(call.Arguments[call.Object is null ? 1 : 0]);
                    break;
                case UnaryExpression { NodeType: ExpressionType.Quote or ExpressionType.Convert } unary:
                    CheckSetters(unary.Operand);
                    break;
                case LambdaExpression lambda:
                    CheckSetters(lambda.Body);
                    break;
                case ConstantExpression { Value: IEnumerable<object> items }:
                    foreach (var item in items)
                    {
                        if (item is System.Runtime.CompilerServices.ITuple { Length: >= 2 } tuple && tuple[0] is Expression property)
                        {
                            CheckProperty(property);
                        }
                    }

                    break;
            }
        }

        private void CheckProperty(Expression property)
        {
            while (property is UnaryExpression { NodeType: ExpressionType.Quote or ExpressionType.Convert } unary)
            {
                property = unary.Operand;
            }

            if (property is not LambdaExpression { Parameters: [var entity] } lambda || context.Model.FindEntityType(entity.Type) is not { } entityType || !entityType.IsTenantScoped())
            {
                return;
            }

            var body = lambda.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : lambda.Body;
            var name = body switch
            {
                MemberExpression member => member.Member.Name,
                MethodCallExpression { Method.Name: nameof(EF.Property), Arguments: [_, ConstantExpression { Value: string propertyName }] } => propertyName,
                _ => null,
            };
            if (name == TenancyModel.TenantIdProperty)
            {
                TenancyEntityFrameworkTelemetry.WriteRefused(context.CurrentTenant.Id, "tenant-id-update");
                throw new TenantMismatchException($"ExecuteUpdate cannot set the tenant id of {entityType.DisplayName()}: rows never move between tenants.");
            }
        }
    }
}
