package io.skynetspring.boot.service;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;

/** The {@link ServiceHandler} of one {@code @SkynetService} instance: dispatches through its class's command table. */
final class BeanHandler implements ServiceHandler {

    private static final Object[] NO_ARGS = new Object[0];

    private final Object instance;
    private final CommandTable table;
    private final ServiceContext ctx;

    BeanHandler(Object instance, CommandTable table, ServiceContext ctx) {
        this.instance = instance;
        this.table = table;
        this.ctx = ctx;
    }

    @Override
    public Object init(Object[] args) throws Exception {
        HandlerMethod init = table.init();
        // without @Init the newService arguments are ignored, as a Lua service may ignore its "..."
        return init == null ? null : init.invoke(instance, args);
    }

    @Override
    public Object dispatch(String command, Object[] args) throws Exception {
        HandlerMethod handler = table.command(command);
        if (handler == null) {
            throw new ServiceException("unknown command '" + command + "' for service " + ctx.template()
                    + "; its commands are " + table.commandNames());
        }
        return handler.invoke(instance, args);
    }

    @Override
    public void exit() throws Exception {
        HandlerMethod exit = table.exit();
        if (exit != null) {
            exit.invoke(instance, NO_ARGS);
        }
    }
}
